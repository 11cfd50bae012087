-- One database per service; "auth" is created by POSTGRES_DB.
CREATE DATABASE dossiers OWNER portal;
CREATE DATABASE reporting OWNER portal;
CREATE DATABASE notifications OWNER portal;
