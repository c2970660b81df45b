-- One database per subgraph, as in production: each level owns its data and its migrations.
-- The postgres image runs this once, when it initialises an empty data volume; on a volume that
-- already exists it is skipped (`docker compose down -v` starts over). The subgraphs create their
-- tables themselves (migrations) but not, with a per-level *_DATABASE_URL, the database.
-- UTF8 from template0, like the kit's own ensureDatabase(): Vietnamese names need it.
CREATE DATABASE tiepdan_province ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE tiepdan_district ENCODING 'UTF8' TEMPLATE template0;
CREATE DATABASE tiepdan_commune ENCODING 'UTF8' TEMPLATE template0;
