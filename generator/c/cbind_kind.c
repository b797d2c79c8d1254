/* cbind_kind.c - the C kinds of the binding (cbind.h): their names, C
 * types, which are scalars, and the suffix of their libdal calls.  Below
 * cbind.c and cbind_pg.c, which both read them. */
#include "c/cbind.h"

static const char *const kind_names[] = {"int64", "double", "bool", "text", "blob", "value", "enum",
                                         "int16", "int32", "float", "uuid", "timestamp", "date", "interval",
                                         "array"};

const char *dg_ckind_name(dg_ckind k) { return kind_names[k]; }

const char *dg_ckind_ctype(dg_ckind k)
{
    switch (k) {
    case DG_CK_INT64:  return "int64_t";
    case DG_CK_DOUBLE: return "double";
    case DG_CK_BOOL:   return "bool";
    case DG_CK_TEXT:   return "const char *";
    case DG_CK_BLOB:   return "dal_blob";
    case DG_CK_VALUE:  return "dal_value";
    default:           return dg_pgtype_ctype(k, DG_CK_TEXT);
    }
}

bool dg_ckind_scalar(dg_ckind k)
{
    return k == DG_CK_INT64 || k == DG_CK_DOUBLE || k == DG_CK_BOOL || k == DG_CK_ENUM || k == DG_CK_INT16 ||
           k == DG_CK_INT32 || k == DG_CK_FLOAT || k == DG_CK_UUID || k == DG_CK_TIMESTAMP || k == DG_CK_DATE ||
           k == DG_CK_INTERVAL;
}

dg_ckind dg_ckind_of_vtype(dg_vtype v)
{
    switch (v) {
    case DG_VT_INT64:  return DG_CK_INT64;
    case DG_VT_DOUBLE: return DG_CK_DOUBLE;
    case DG_VT_BOOL:   return DG_CK_BOOL;
    case DG_VT_TEXT:   return DG_CK_TEXT;
    case DG_VT_BLOB:   return DG_CK_BLOB;
    default:           return DG_CK_VALUE;
    }
}

void dg_ckind_slice(dg_ckind k, const char **elem, const char **array_type)
{
    switch (k) {
    case DG_CK_DOUBLE: *elem = "const double *"; *array_type = "DAL_TYPE_REAL"; break;
    case DG_CK_TEXT: *elem = "const char *const *"; *array_type = "DAL_TYPE_TEXT"; break;
    case DG_CK_BLOB: *elem = "const dal_blob *"; *array_type = "DAL_TYPE_BLOB"; break;
    default: *elem = "const int64_t *"; *array_type = "DAL_TYPE_INTEGER"; break;
    }
}

dg_ckind dg_ckind_of_column(const dg_table *t, const dg_column *c)
{
    return dg_ckind_of_vtype(dg_vtype_of_column(t, c));
}

const char *dg_ckind_call(dg_ckind k)
{
    switch (k) {
    case DG_CK_INT64:  return "int64";
    case DG_CK_DOUBLE: return "double";
    case DG_CK_BOOL:   return "bool";
    case DG_CK_BLOB:   return "blob";
    case DG_CK_VALUE:  return "value";
    default:           return "text";
    }
}

const char *dg_pgtype_ctype(dg_ckind k, dg_ckind elem)
{
    switch (k) {
    case DG_CK_INT16:     return "int16_t";
    case DG_CK_INT32:     return "int32_t";
    case DG_CK_INT64:     return "int64_t";
    case DG_CK_FLOAT:     return "float";
    case DG_CK_DOUBLE:    return "double";
    case DG_CK_BOOL:      return "bool";
    case DG_CK_BLOB:      return "dal_blob";
    case DG_CK_UUID:      return "dal_uuid";
    case DG_CK_TIMESTAMP: return "dal_timestamp";
    case DG_CK_DATE:      return "dal_date";
    case DG_CK_INTERVAL:  return "dal_interval";
    case DG_CK_VALUE:     return "dal_value";
    case DG_CK_ARRAY:
        switch (elem) {
        case DG_CK_INT16:     return "dal_int16_array";
        case DG_CK_INT32:     return "dal_int32_array";
        case DG_CK_INT64:     return "dal_int64_array";
        case DG_CK_FLOAT:     return "dal_float_array";
        case DG_CK_DOUBLE:    return "dal_double_array";
        case DG_CK_BOOL:      return "dal_bool_array";
        case DG_CK_BLOB:      return "dal_blob_array";
        case DG_CK_UUID:      return "dal_uuid_array";
        case DG_CK_TIMESTAMP: return "dal_timestamp_array";
        case DG_CK_DATE:      return "dal_date_array";
        default:              return "dal_text_array";
        }
    default:              return "const char *";
    }
}

