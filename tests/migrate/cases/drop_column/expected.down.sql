ALTER TABLE "users" ADD COLUMN legacy TEXT;

CREATE INDEX users_legacy ON users(legacy);
