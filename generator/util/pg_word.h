/* pg_word.h - whether PostgreSQL reads a word as a name without quotes. */
#ifndef DG_PG_WORD_H
#define DG_PG_WORD_H

#include <stdbool.h>

/* True when `s` may be printed bare wherever dalgen prints a name in
 * PostgreSQL DDL (schema, table, column, constraint, index, collation): a
 * plain lower-case word ([a-z_][a-z0-9_]*) that is no reserved keyword
 * (`user`, `order`, `select`, `left`, ...).  The keywords are the grammar's:
 * libpg_query parses a CREATE TABLE naming everything `s` (2 us), no list
 * is kept here.  False (quote it) when libpg_query cannot be loaded. */
bool dg_pg_word_bare(const char *s);

#endif
