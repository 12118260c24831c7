-- The production database just before migration 0002 ran: revision 0001 applied, and weeks of data in
-- the three reporting tables that have no SQLAlchemy model. `npm run demo` loads this into an embedded
-- PostgreSQL (PGlite); `psql -f seed.sql` loads it into a real server the same way.

CREATE TABLE alembic_version (
    version_num varchar(32) NOT NULL PRIMARY KEY
);
INSERT INTO alembic_version VALUES ('0001');

CREATE TABLE users (
    id serial PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE
);

CREATE TABLE projects (
    id serial PRIMARY KEY,
    name varchar(200) NOT NULL,
    owner_id integer NOT NULL REFERENCES users (id)
);

CREATE TABLE project_keywords (
    project_id integer NOT NULL REFERENCES projects (id),
    keyword text NOT NULL,
    PRIMARY KEY (project_id, keyword)
);

CREATE TABLE project_resource_mappings (
    project_id integer NOT NULL REFERENCES projects (id),
    resource_id integer NOT NULL,
    hours numeric(8, 2) NOT NULL DEFAULT 0
);

CREATE TABLE project_monthly_forecast (
    project_id integer NOT NULL REFERENCES projects (id),
    month date NOT NULL,
    amount numeric(12, 2) NOT NULL
);

INSERT INTO users (email)
SELECT 'user' || i || '@example.com' FROM generate_series(1, 25) AS i;

INSERT INTO projects (name, owner_id)
SELECT 'Project ' || i, 1 + (i % 25) FROM generate_series(1, 103) AS i;

-- 4 keywords for each of the 103 projects: 412 rows.
INSERT INTO project_keywords (project_id, keyword)
SELECT p, k FROM generate_series(1, 103) AS p, unnest(ARRAY['infra', 'billing', 'q3', 'research']) AS k;

-- 1,236 allocations: 12 resources on each project.
INSERT INTO project_resource_mappings (project_id, resource_id, hours)
SELECT p, r, ((p * 7 + r * 3) % 40) + 0.5 FROM generate_series(1, 103) AS p, generate_series(1, 12) AS r;

-- Six months of forecast for every project: 618 rows.
INSERT INTO project_monthly_forecast (project_id, month, amount)
SELECT p, date '2026-05-01' + (m * interval '1 month'), 1000 + p * 10 + m
FROM generate_series(1, 103) AS p, generate_series(0, 5) AS m;

-- Data that migration 0003 trips over (see the README's "Preflight"): users added by an old import have
-- no display name, and the slugs back-filled last year collide for projects 1/101, 2/102 and 3/103.
ALTER TABLE users ADD COLUMN display_name text;
UPDATE users SET display_name = 'User ' || id WHERE id % 6 <> 0;

ALTER TABLE projects ADD COLUMN slug varchar(200);
UPDATE projects SET slug = 'project-' || (id % 100);
