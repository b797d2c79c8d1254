CREATE TYPE state AS ENUM ('new', 'open', 'closed', 'spam');
CREATE TYPE prio AS ENUM ('low', 'high');
CREATE TABLE tickets (id bigint PRIMARY KEY, s state NOT NULL DEFAULT 'new', p prio, tags state[]);
