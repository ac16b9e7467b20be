"""The static files storage: WhiteNoise's compressed, hashed files, without source maps.

Vendored assets (Leaflet, GraphiQL, from npm at their pinned versions; GraphiQL's files keep
their published integrity hashes) end with a ``sourceMappingURL`` comment, but their ``.map``
files are not shipped. Django's manifest storage would refuse the whole ``collectstatic`` for a
missing map; a map is a developer's aid, so references to maps are left alone (not hashed, not
required). ``url()`` and ``@import`` in CSS are still rewritten and still required.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    kept = []
    for extension, rules in patterns:
        rules = tuple(r for r in rules if "sourceMappingURL" not in (r[0] if isinstance(r, tuple) else r))
        if rules:
            kept.append((extension, rules))
    return tuple(kept)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
