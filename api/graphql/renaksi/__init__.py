"""GraphQL of the Renaksi (rencana aksi pengelolaan pengaduan): public, read-only."""
