CREATE TYPE state AS ENUM ('new', 'open', 'closed');
CREATE TYPE prio AS ENUM ('low', 'mid', 'high', 'urgent');
CREATE TABLE tickets (id bigint PRIMARY KEY, s state NOT NULL DEFAULT 'open', p prio DEFAULT 'mid', tags state[]);
