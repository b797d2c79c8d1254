/* dal_annotate.h - annotations that turn C structs into a dalgen schema.
 *
 * A header that describes tables with annotated structs:
 *
 *     #include <dal_annotate.h>
 *
 *     struct DAL_TABLE("users") user {
 *         int64_t     id     DAL_PK;
 *         const char *email  DAL_UNIQUE DAL_FORMAT("email");
 *         char        name[32];                 // TEXT, at most 31 bytes
 *         double     *rating;                   // NULL pointer = SQL NULL
 *         bool        has_age;                  // companion: age is nullable
 *         int32_t     age;
 *     };
 *
 * `dalgen schema --header models.h --sql` prints the DDL that the header
 * means; every dalgen command accepts `--header` as a schema source.
 *
 * Under clang (which is what dalgen parses the header with) the macros expand
 * to __attribute__((annotate("dal:..."))); under any other compiler, or when
 * DAL_NO_ANNOTATE is defined, to nothing, so the header compiles everywhere.
 * Every argument must be a string literal.
 *
 * Table annotations go between `struct` and the struct's name; column
 * annotations after the field's declarator (before the `;`).  DAL_CHECK and
 * DAL_ANNOTATE work on both.
 *
 * This header is self-sufficient: it brings bool, the <stdint.h> types,
 * size_t and dal_blob, and does not need sqlite3.h. */
#ifndef DAL_ANNOTATE_H
#define DAL_ANNOTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* dal_blob is also defined by dal.h; whichever header comes first defines it
 * (both use the DAL_BLOB_DEFINED guard). */
#ifndef DAL_BLOB_DEFINED
#define DAL_BLOB_DEFINED
/* A BLOB value: `data` NULL means SQL NULL; an empty BLOB has len 0 and a
 * non-NULL data. */
typedef struct dal_blob {
    const void *data;
    size_t      len;
} dal_blob;
#endif

#if defined(__clang__) && !defined(DAL_NO_ANNOTATE)
/* The text dalgen reads: "dal:KEY" or "dal:KEY=ARG", two arguments separated
 * by the character 0x1F.  Not part of the API: use the macros below. */
#define DAL__ANN(text) __attribute__((annotate("dal:" text)))
#else
#define DAL__ANN(text)
#endif
#define DAL__ANN2(key, a, b) DAL__ANN(key "=" a "\x1f" b)

/* --- tables (between `struct` and the struct's name) -------------------- */

/* The struct is the table `name`.  Structs without DAL_TABLE are ignored. */
#define DAL_TABLE(name)            DAL__ANN("table=" name)
/* CREATE TABLE ... STRICT */
#define DAL_STRICT                 DAL__ANN("strict")
/* CREATE TABLE ... WITHOUT ROWID (needs a DAL_PK) */
#define DAL_WITHOUT_ROWID          DAL__ANN("without_rowid")

/* --- columns (after the field's declarator) ----------------------------- */

/* Column name when it differs from the field name. */
#define DAL_COLUMN(name)           DAL__ANN("column=" name)
/* Part of the PRIMARY KEY (several fields: a composite key, in field order). */
#define DAL_PK                     DAL__ANN("pk")
/* INTEGER PRIMARY KEY AUTOINCREMENT */
#define DAL_AUTOINCREMENT          DAL__ANN("autoincrement")
/* Column-level UNIQUE. */
#define DAL_UNIQUE                 DAL__ANN("unique")
/* CREATE INDEX name: fields naming the same index form one index, in field
 * order; DAL_UNIQUE_INDEX makes it a UNIQUE index. */
#define DAL_INDEX(name)            DAL__ANN("index=" name)
#define DAL_UNIQUE_INDEX(name)     DAL__ANN("unique_index=" name)
/* REFERENCES table(column) */
#define DAL_REFERENCES(table, col) DAL__ANN2("references", table, col)
/* ON DELETE / ON UPDATE action of the DAL_REFERENCES: "CASCADE",
 * "SET NULL", "SET DEFAULT", "RESTRICT" or "NO ACTION". */
#define DAL_ON_DELETE(action)      DAL__ANN("on_delete=" action)
#define DAL_ON_UPDATE(action)      DAL__ANN("on_update=" action)
/* The text after DEFAULT, exactly as in SQL: "0", "'draft'",
 * "(datetime('now'))", "CURRENT_TIMESTAMP". */
#define DAL_DEFAULT(sql)           DAL__ANN("default=" sql)
/* COLLATE name */
#define DAL_COLLATE(name)          DAL__ANN("collate=" name)
/* A string or BLOB column that may be NULL (scalars are nullable by being a
 * pointer or by a `bool has_<field>` companion). */
#define DAL_NULLABLE               DAL__ANN("nullable")
/* A C enum stored as its integer value instead of its constant's name. */
#define DAL_ENUM_AS_INT            DAL__ANN("enum_as_int")
/* A field that is not a column. */
#define DAL_IGNORE                 DAL__ANN("ignore")

/* --- both ---------------------------------------------------------------- */

/* CHECK (expr): on a field a column constraint, on a struct a table one. */
#define DAL_CHECK(expr)            DAL__ANN("check=" expr)
/* Any `-- @key value` annotation of the schema model. */
#define DAL_ANNOTATE(key, value)   DAL__ANN2("annotate", key, value)
/* Shorthands for the validator and migration annotations. */
#define DAL_FORMAT(fmt)            DAL_ANNOTATE("format", fmt)
#define DAL_PATTERN(re)            DAL_ANNOTATE("pattern", re)
#define DAL_MIN(v)                 DAL_ANNOTATE("min", v)
#define DAL_MAX(v)                 DAL_ANNOTATE("max", v)
#define DAL_RENAMED_FROM(old)      DAL_ANNOTATE("renamed_from", old)

#endif
