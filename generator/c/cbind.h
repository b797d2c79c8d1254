/* cbind.h - the C binding: the one place where a column's or an
 * expression's value type becomes a C type, and where the libdal calls that
 * move a field to and from a statement are decided.
 *
 * Tables (view_*.c), patches (view_records.c), query parameters, results and
 * sqlc.embed (queries_view.c), validators (validators_*.c, the CHECK
 * compiler's dg_cfield) and the user's structs (clang_struct.c) all take a
 * field's kind from here. */
#ifndef DG_CBIND_H
#define DG_CBIND_H

#include <stdbool.h>

#include "model/model.h"
#include "util/buf.h"
#include "util/vec.h"

/* How a field is held in C. */
typedef enum dg_ckind {
    DG_CK_INT64,      /* int64_t */
    DG_CK_DOUBLE,     /* double (NaN binds as NULL) */
    DG_CK_BOOL,       /* bool, an INTEGER 0/1 */
    DG_CK_TEXT,       /* const char *, NULL = SQL NULL */
    DG_CK_BLOB,       /* dal_blob, data NULL = SQL NULL */
    DG_CK_VALUE,      /* dal_value: any storage class */
    DG_CK_ENUM,       /* a generated (or the user's) C enum, stored as its text */
    /* PostgreSQL only (dg_pgtype_of): */
    DG_CK_INT16,      /* int16_t */
    DG_CK_INT32,      /* int32_t */
    DG_CK_FLOAT,      /* float */
    DG_CK_UUID,       /* dal_uuid */
    DG_CK_TIMESTAMP,  /* dal_timestamp (timestamp, timestamptz) */
    DG_CK_DATE,       /* dal_date */
    DG_CK_INTERVAL,   /* dal_interval */
    DG_CK_ARRAY       /* a 1-D array: dal_<elem>_array (dg_pgtype.elem), data NULL = SQL NULL */
} dg_ckind;

const char *dg_ckind_name(dg_ckind k);    /* "int64", ..., "enum" */
/* The C type of a kind ("int64_t", "const char *"); an enum's is its type's
 * name, which the field carries (dg_cbind.enum_type). */
const char *dg_ckind_ctype(dg_ckind k);
/* Scalars (int64, double, bool, enum) say NULL with a has_ flag; text,
 * blob and value with a NULL pointer / NULL data / their type. */
bool        dg_ckind_scalar(dg_ckind k);
/* The suffix of dal_bind_* / dal_read_* ("int64", ..., enums "text"). */
const char *dg_ckind_call(dg_ckind k);
/* A sqlc.slice parameter of kind k: its element pointer type
 * ("const int64_t *") and its dal_array storage class ("DAL_TYPE_INTEGER"). */
void        dg_ckind_slice(dg_ckind k, const char **elem, const char **array_type);
/* The kind of a value type (UNKNOWN: value). */
dg_ckind    dg_ckind_of_vtype(dg_vtype v);
/* The kind of column c of table t (t may be NULL) before enums: its value
 * type's (dg_vtype_of_column). */
dg_ckind    dg_ckind_of_column(const dg_table *t, const dg_column *c);

/* ---- PostgreSQL (design/postgres.md 3.6) --------------------------------
 * How a value of a PostgreSQL type is held in C and moved over libdal's
 * PostgreSQL half (dal_pg.h).  One decision for table columns (from the
 * model's dg_pg_column), query parameters and results (from the server's
 * types, resolved to names: no user type OID ever reaches generated code). */

/* A PostgreSQL type as the catalog names it. */
typedef struct dg_pg_typeref {
    const char *schema;   /* of the (element) type: "pg_catalog", "public", ...; NULL = pg_catalog */
    const char *name;     /* pg_type.typname of the (element) type ("int4", "mood", "email"), or
                             its format_type spelling without typmod ("integer", "character varying") */
    const char *kind;     /* "base", "enum", "domain", "composite", ...; NULL = "base" (enums and
                             domains are also found by name in the schema's enums and domains) */
    int         typmod;   /* atttypmod, -1 when none (varchar(n): n + 4) */
    int         array_dims;   /* 0: not an array */
    const char *format;   /* format_type text ("inet", "int4range", "numeric(12,2)[]"): what a
                             type held as text is cast to; NULL = schema.name */
} dg_pg_typeref;

/* The binding of a PostgreSQL type.  Strings are literals or borrowed from
 * the schema or from `keep` (dg_pgtype_of). */
typedef struct dg_pgtype {
    const char *call;      /* suffix of dal_pg_bind_<call> / dal_pg_read_<call>: "int16", "int32",
                              "int64", "float", "double", "bool", "text", "jsonb", "numeric", "blob",
                              "uuid", "timestamp", "date", "time", "interval", "int64_array",
                              "text_array", ...; NULL: not a PostgreSQL binding (SQLite) */
    const char *oid;       /* pinned parameter type: a dal_pg.h macro ("DAL_PG_INT4", ...) or "0"
                              (user types sent as text: enums, citext, domains over text) */
    const char *cast_in;   /* SQL written after a parameter's $n ("::inet", "::\"public\".\"mood\"[]",
                              "::money"), NULL when none */
    const char *cast_out;  /* SQL written after a selected column ("::text", "::text[]",
                              "::numeric"), NULL when none */
    dg_ckind    elem;      /* DG_CK_ARRAY: the elements' kind */
    const char *ctype;     /* the C type ("int32_t", "dal_text_array", ...); enums: NULL (the
                              generated enum's name, from the view's names) */
    const dg_pg_enum   *enumref;   /* DG_CK_ENUM: the schema's enum */
    const dg_pg_domain *domain;    /* the (outermost) domain, NULL when none */
    bool        domain_not_null;   /* a domain on the way says NOT NULL */
    int         maxlen;    /* varchar(n) / char(n) (also through domains): n; 0 when none */
    bool        json;      /* json / jsonb: the validator checks the text is JSON */
} dg_pgtype;

/* The binding of type t of schema s (its enums and domains resolve
 * names; s may be NULL: then kind "enum" still gives an enum without
 * enumref).  Sets *kind to the C kind.  Strings made are pushed into keep
 * (the caller frees them with dg_strings_free after the binding's last
 * use).  Domains: their base type's binding (through domains over
 * domains); enums: DG_CK_ENUM with OID 0; arrays of a type libdal reads
 * as an array (smallint, integer, bigint, real, double precision,
 * boolean, text-likes, bytea, uuid, timestamp(tz), date, numeric; enums,
 * citext and domains over text as text arrays cast to and from text[]):
 * DG_CK_ARRAY; every other type, and arrays of more than one dimension:
 * text (cast to ::text when read, from $n::<format> when written). */
dg_pgtype dg_pgtype_of(const dg_schema *s, const dg_pg_typeref *t, dg_strings *keep, dg_ckind *kind);
/* The same for table column c (c->pg non-NULL): its `-- @type` override
 * (int16, int32, int64, double, bool, text, blob, uuid, timestamp, date,
 * numeric, ...; a value read through a cast) wins. */
dg_pgtype dg_pgtype_of_column(const dg_schema *s, const dg_column *c, dg_strings *keep, dg_ckind *kind);
/* The result column type a reader of p expects, for the statement's
 * dal_pg_params.results (dal_pg_result_check): a dal_pg.h macro.  What
 * dal_pg_read_text reads (text, varchar, char, name, json, enums, citext,
 * domains over text) is DAL_PG_TEXT and what dal_pg_read_text_array reads
 * DAL_PG_TEXT_ARRAY, the families libdal accepts; every other binding
 * expects the OID it pins (p->oid). */
const char *dg_pgtype_result_oid(const dg_pgtype *p);
/* The C type of a non-enum kind ("int32_t", "dal_timestamp"; arrays by
 * their element kind: "dal_int64_array"). */
const char *dg_pgtype_ctype(dg_ckind k, dg_ckind elem);

/* How a user's struct field (clang_struct.c) of another C type than its
 * kind's moves to and from a statement (cbind.c).  Binds from parameters
 * use the kind's own C type, except enums. */
typedef enum dg_cconv_kind {
    DG_CCONV_NONE,        /* the kind's own C type */
    DG_CCONV_INT,         /* an integer other than int64_t (is_signed) */
    DG_CCONV_FLOAT,       /* float */
    DG_CCONV_PTR_INT,     /* pointer scalars, NULL = SQL NULL: int (is_signed), */
    DG_CCONV_PTR_DOUBLE,  /* double, */
    DG_CCONV_PTR_FLOAT,   /* float, */
    DG_CCONV_PTR_BOOL,    /* bool */
    DG_CCONV_CHARS,       /* char[N]: at most N-1 bytes, NUL-terminated */
    DG_CCONV_CHARP,       /* char * (not const) */
    DG_CCONV_ENUM,        /* the user's enum through its typedef enum_type, */
    DG_CCONV_ENUMINT      /* stored as the names of its constants / as its integer */
} dg_cconv_kind;

typedef struct dg_cconv {
    dg_cconv_kind kind;
    bool          is_signed;   /* INT, PTR_INT */
    const char   *enum_type;   /* ENUM, ENUMINT: the typedef (borrowed) */
} dg_cconv;

/* Pointer scalars (PTR_*): NULL says SQL NULL. */
bool  dg_cconv_ptr(const dg_cconv *c);
/* ENUM, ENUMINT. */
bool  dg_cconv_enum(const dg_cconv *c);
/* Its spelling in the view model (fields[].conv: "int s", "ptr double",
 * "chars", "enum T", ...); caller frees, NULL for NONE. */
char *dg_cconv_str(const dg_cconv *c);

/* One field bound to C: a table's, a view's, a query row's or a
 * parameter. */
typedef struct dg_cbind {
    const char *column;      /* SQL name (borrowed from the model) */
    const char *name;        /* C field name (borrowed) */
    const char *has;         /* has_ flag name or NULL (borrowed) */
    const char *enum_type;   /* DG_CK_ENUM: the C enum type (borrowed) */
    dg_ckind    kind;
    bool        readonly;    /* generated or hidden: read, never written */
    bool        rowid_alias; /* INTEGER PRIMARY KEY */
    bool        pk;
    bool        lenient;     /* read with the _lenient readers (dg_column_reads_lenient) */
    const char *format;      /* the @format its declared type implies (dg_column_value: JSON's
                                "json"), NULL: none; the validators' default */
    const char *default_sql; /* NULL when none */
    char       *quoted;      /* "name" quoted for SQL (owned; a table's: the view model's) */
    char       *colname;     /* the column as a C literal, for messages (as quoted) */
    bool        by_ptr;      /* a nullable scalar parameter passed as `const T *`,
                                NULL = SQL NULL (a query's) */
    dg_cconv    conv;        /* a user's struct field of another C type than the
                                kind's: how to move it (cbind.c), kind NONE when none */
    const char *ctype;       /* the declared C type: the kind's, the enum's, or
                                the user's (clang_struct.c; char[N]: "char") */
    /* A user's struct (clang_struct.c): how the validators read the field as
     * the kind's ("rating[0]" and "rating" for a double *); NULL: name, has. */
    const char *vref, *vhas;
    dg_ckind    vkind;       /* the kind they read: kind, or int64 for an enum
                                stored as its integer */
    long        varray;      /* a user's char[varray] buffer, 0 otherwise */
    dg_pgtype   pg;          /* PostgreSQL: how it moves (pg.call NULL on SQLite).  Then
                                dg_cbind_bind* write dal_pg_bind_<call>(st, idx, ...) with st
                                the parameter block ("&p"), and dg_cbind_read
                                dal_pg_read_<call>(db, res, row, col, ...) */
} dg_cbind;

typedef DG_VEC(dg_cbind) dg_cbinds;

/* Whether table column c's field of kind k says NULL (or "left to its
 * DEFAULT") with a has_ flag: a scalar, not in the primary key, nullable or
 * with a DEFAULT the row may leave to the database. */
bool dg_cbind_column_has(const dg_column *c, dg_ckind k);
/* The same on PostgreSQL: also a key column of a non-integer kind with a
 * DEFAULT (an integer key column says DEFAULT with 0, as SQLite's rowid). */
bool dg_cbind_column_has_pg(const dg_column *c, dg_ckind k);

/* The binding of a query's value `name` (a parameter or a result field) of
 * value type v.  NULL form: a result field's `has` flag (when a nullable
 * scalar; pass NULL for a parameter), a parameter's pointer (a nullable
 * scalar by `const T *`).  `origin`: the binding of the table column a
 * result field reads as it is, NULL otherwise; its enum (generated, or the
 * user's) becomes the field's, and so does its read mode.  Strings are
 * borrowed; column is left NULL. */
dg_cbind dg_cbind_value(const char *name, dg_vtype v, bool nullable, const dg_cbind *origin, const char *has);

/* The same for a PostgreSQL value of kind k moved as pg (dg_pgtype_of):
 * enums take origin's generated C enum (their C type is the view's
 * name for pg.enumref: pass it as enum_type, NULL when none). */
dg_cbind dg_cbind_value_pg(const char *name, dg_ckind k, dg_pgtype pg, const char *enum_type, bool nullable,
                           const char *has);

/* Bind / read expressions.  `src` is "row->" for row fields, "" for
 * parameters named like the field; `st` the statement; `copy`: text, blob
 * and values copied (an iterator outlives the call). */
char *dg_cbind_bind(const dg_cbind *f, int idx, const char *src, const char *st, bool copy);
/* The same with the index as a C expression ("n++"). */
char *dg_cbind_bind_at(const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy);
/* The read of result column `col` into dst + name (dst "row->", "out->"),
 * lenient when f is (dg_cbind.lenient).  An enum reads into a local `text`
 * first (dg_cbind_read_enum_after). */
char *dg_cbind_read(const dg_cbind *f, int col, const char *dst);
/* After an enum's read: `dst name = T_from_string(text);` and its has_
 * flag, NULL for other kinds.  `indent` precedes the second line. */
char *dg_cbind_read_enum_after(const dg_cbind *f, const char *dst, const char *indent);
/* dg_cbind_bind_at, dg_cbind_bind, dg_cbind_read and dg_cbind_param_decl
 * appended to out instead (the table builders, which keep the text in the
 * view model's arena). */
void  dg_cbind_bind_to(dg_buf *out, const dg_cbind *f, const char *idx, const char *src, const char *st, bool copy);
void  dg_cbind_bind_n_to(dg_buf *out, const dg_cbind *f, int idx, const char *src, const char *st, bool copy);
void  dg_cbind_read_to(dg_buf *out, const dg_cbind *f, int col, const char *dst);
void  dg_cbind_param_decl_to(dg_buf *out, const dg_cbind *f);
/* PostgreSQL's binary COPY: the statement writing field f (src + name) at
 * the local `char *w__` with a dal_pg_copy_put_* writer (dal_pg.h), which
 * advances w__; *width is the bytes of its value at most: a fixed width,
 * or -1 for text, whose length the caller holds in the local named `len`.
 * NULL for a kind without a writer of its own (enums, uuid, dates,
 * timestamps, intervals, numeric, jsonb, bytea, arrays): such a row goes
 * through the binders (dal_pg_copy_row). */
char *dg_cbind_copy_put(const dg_cbind *f, const char *src, const char *len, int *width);
/* Parameter declaration ("int64_t id", "const char *email"). */
char *dg_cbind_param_decl(const dg_cbind *f);
/* The C enum type of a user's enum field (conv ENUM / ENUMINT), NULL for
 * other fields. */
const char *dg_cbind_user_enum(const dg_cbind *f);
/* Fields with a conv (a user's struct, clang_struct.h): whether insert
 * reads back a column the row may leave unset (a has_ flag or a NULL
 * pointer), and the condition of that read (NULL = always). */
bool  dg_cbind_may_unset(const dg_cbind *f);
char *dg_cbind_writeback_cond(const dg_cbind *f);

#endif
