/* Unit tests of the template engine (generator/c/template.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "c/template.h"

/* How a test renders: the JSON as given, or with the root's arrays as
 * template lists (dg_tmpl_list) of JSON items or of arena values, into
 * memory or through a sink. */
typedef enum mode { AS_JSON, AS_LISTS, AS_LISTS_SINK, AS_VALUES, AS_VALUES_SINK } mode;

/* v with only the keys `want` has, at every depth: what the view model's
 * list items hold. */
static json_t *pruned(json_t *v, const dg_tmpl_names *want)
{
    if (json_is_array(v)) {
        json_t *a = json_array();
        for (size_t i = 0; i < json_array_size(v); i++) json_array_append_new(a, pruned(json_array_get(v, i), want));
        return a;
    }
    if (!json_is_object(v)) return json_incref(v);
    json_t *o = json_object();
    const char *key;
    json_t *x;
    json_object_foreach(v, key, x)
        if (dg_tmpl_names_has(want, key)) json_object_set_new(o, key, pruned(x, want));
    return o;
}

static json_t *list_item(void *ctx, size_t i, const dg_tmpl_names *want)
{
    return pruned(json_array_get(ctx, i), want);
}

/* pruned(v, want) made as arena values with the makers (strings copied:
 * nothing of v is borrowed). */
static dg_tval *pruned_value(dg_tarena *a, json_t *v, const dg_tmpl_names *want)
{
    dg_tval *t;
    const char *key;
    size_t i;
    json_t *x;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        t = dg_tv_obj(a);
        json_object_foreach(v, key, x)
            if (dg_tmpl_names_has(want, key)) dg_tv_set(a, t, key, pruned_value(a, x, want));
        return t;
    case JSON_ARRAY:
        t = dg_tv_arr(a);
        json_array_foreach(v, i, x) dg_tv_push(a, t, pruned_value(a, x, want));
        return t;
    case JSON_STRING:  return dg_tv_strdup(a, json_string_value(v));
    case JSON_INTEGER: return dg_tv_int(a, json_integer_value(v));
    case JSON_TRUE:    return dg_tv_true(a);
    case JSON_FALSE:   return dg_tv_bool(a, false);
    default:           return dg_tv_from_json(a, v);   /* null, reals */
    }
}

static dg_tval *list_value(void *ctx, size_t i, const dg_tmpl_names *want, dg_tarena *a)
{
    return pruned_value(a, json_array_get(ctx, i), want);
}

/* The text `sink` received. */
static void read_sink(FILE *sink, dg_buf *out)
{
    assert_false(ferror(sink));
    assert_int_equal(out->len, 0);
    rewind(sink);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, sink)) > 0) dg_buf_append(out, chunk, n);
    fclose(sink);
}

/* Renders over `view` as `m` says; 0 or -1 as dg_tmpl_render. */
static int render_as(dg_tmpl_set *set, json_t *view, mode m, dg_buf *out, dg_diags *d)
{
    if (m == AS_JSON) return dg_tmpl_render(set, "main", view, out, d);
    dg_tmpl_list lists[8];
    size_t n = 0;
    json_t *root = json_object();
    const char *key;
    json_t *x;
    json_object_foreach(view, key, x) {
        bool values = m == AS_VALUES || m == AS_VALUES_SINK;
        if (json_is_array(x) && n < 8)
            lists[n++] = (dg_tmpl_list){key, json_array_size(x), values ? NULL : list_item, x, values ? list_value : NULL};
        else json_object_set(root, key, x);
    }
    dg_tmpl_view v = {root, lists, n};
    FILE *sink = m == AS_LISTS_SINK || m == AS_VALUES_SINK ? tmpfile() : NULL;
    int rc = dg_tmpl_render_view(set, "main", &v, out, sink, d);
    if (sink) read_sink(sink, out);
    json_decref(root);
    return rc;
}

/* Renders `tmpl` (plus optional partial "p") over JSON `view`; returns the
 * output, or the diagnostics text when rendering failed (prefixed "ERR "). */
static char *render_mode(const char *tmpl, const char *partial, const char *view_json, mode m)
{
    json_error_t jerr;
    json_t *view = json_loads(view_json, 0, &jerr);
    assert_non_null(view);
    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add(set, "main", "main.tmpl", tmpl);
    if (partial) dg_tmpl_set_add(set, "p", "p.tmpl", partial);
    char *diag = NULL;
    size_t diag_len = 0;
    FILE *mem = open_memstream(&diag, &diag_len);
    dg_diags d = DG_DIAGS_INIT;
    dg_buf out = DG_BUF_INIT;
    int rc = render_as(set, view, m, &out, &d);
    dg_diags_print(&d, mem);
    fclose(mem);
    char *result;
    if (rc != 0) {
        assert_true(d.errors > 0);
        result = dg_xprintf("ERR %s", diag);
    } else {
        assert_int_equal(d.errors, 0);
        result = dg_xstrdup(dg_buf_cstr(&out));
    }
    free(diag);
    dg_buf_free(&out);
    dg_tmpl_set_free(set);
    json_decref(view);
    return result;
}

static char *render2(const char *tmpl, const char *partial, const char *view_json)
{
    return render_mode(tmpl, partial, view_json, AS_JSON);
}

static char *render(const char *tmpl, const char *view_json) { return render2(tmpl, NULL, view_json); }

#define EXPECT(tmpl, view, expected)            \
    do {                                        \
        char *got_ = render(tmpl, view);        \
        assert_string_equal(got_, expected);    \
        free(got_);                             \
    } while (0)

static void variables_render_strings_numbers_and_booleans(void **state)
{
    (void)state;
    EXPECT("int {{name}} = {{n}}; /* {{b}} {{f}} */", "{\"name\":\"x\",\"n\":-42,\"b\":true,\"f\":false}",
           "int x = -42; /* true false */");
    EXPECT("{{a.b.c}}|{{a.b}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "ERR main.tmpl:1:11: error: 'a.b' is a list or an object, not a value\n");
    EXPECT("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep");
}

static void missing_variable_is_an_error_with_location(void **state)
{
    (void)state;
    EXPECT("line one\n  {{nope}}", "{}", "ERR main.tmpl:2:3: error: no value named 'nope'\n");
}

static void sections_iterate_arrays_and_push_objects(void **state)
{
    (void)state;
    EXPECT("{{#xs}}[{{name}}{{^-last}}, {{/-last}}]{{/xs}}",
           "{\"xs\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}]}", "[a, ][b, ][c]");
    EXPECT("{{#xs}}{{-index}}{{#-first}}F{{/-first}}{{.}} {{/xs}}", "{\"xs\":[\"p\",\"q\"]}", "0Fp 1q ");
    EXPECT("{{#o}}{{k}}{{outer}}{{/o}}", "{\"o\":{\"k\":1},\"outer\":\"!\"}", "1!");
    EXPECT("{{#t}}yes{{/t}}{{#f}}no{{/f}}{{#missing}}no{{/missing}}{{#e}}no{{/e}}{{#z}}no{{/z}}",
           "{\"t\":true,\"f\":false,\"e\":[],\"z\":0}", "yes");
}

static void inverted_sections_render_when_falsy(void **state)
{
    (void)state;
    EXPECT("{{^xs}}none{{/xs}}{{^t}}hidden{{/t}}{{^m}}missing{{/m}}", "{\"xs\":[],\"t\":\"x\"}", "nonemissing");
}

static void standalone_lines_leave_no_blank_lines(void **state)
{
    (void)state;
    EXPECT("a\n{{#xs}}\n  {{.}}\n{{/xs}}\n{{! a comment }}\nb\n", "{\"xs\":[1,2]}", "a\n  1\n  2\nb\n");
    EXPECT("  {{#t}}  \r\nx\n  {{/t}}", "{\"t\":true}", "x\n");
    /* a tag sharing its line with text is not standalone */
    EXPECT("a {{#t}}\nx{{/t}} b\n", "{\"t\":true}", "a \nx b\n");
}

static void partials_are_indented_like_their_tag(void **state)
{
    (void)state;
    char *got = render2("{\n    {{> p}}\n}\n", "x = {{v}};\n\ny;\n", "{\"v\":7}");
    assert_string_equal(got, "{\n    x = 7;\n\n    y;\n}\n");
    free(got);
    got = render2("{{> missing}}", NULL, "{}");
    assert_string_equal(got, "ERR main.tmpl:1:1: error: no template named 'missing'\n");
    free(got);
    got = render2("{{> p}}", "{{> p}}", "{}");
    assert_non_null(strstr(got, "p.tmpl:1:1: error: partials nested more than"));
    free(got);
}

static void syntax_errors_report_template_line_and_column(void **state)
{
    (void)state;
    EXPECT("x\n {{#a}}\n{{/b}}", "{}",
           "ERR main.tmpl:2:2: error: section {{#a}} is never closed\n"
           "main.tmpl:3:1: error: closing tag {{/b}} does not match {{#a}} opened at 2:2\n");
    EXPECT("{{#a}}", "{}", "ERR main.tmpl:1:1: error: section {{#a}} is never closed\n");
    EXPECT("ok {{x", "{}", "ERR main.tmpl:1:4: error: unterminated tag (no closing '}}')\n");
    EXPECT("{{x|shout}}", "{\"x\":1}", "ERR main.tmpl:1:1: error: unknown filter 'shout' (known: c, comment)\n");
    EXPECT("{{/x}}", "{}", "ERR main.tmpl:1:1: error: closing tag {{/x}} without an open section\n");
    EXPECT("{{{x}}}", "{}",
           "ERR main.tmpl:1:1: error: unsupported tag '{{{' (values are emitted raw; delimiters cannot be changed)\n");
    EXPECT("{{a b}}", "{}", "ERR main.tmpl:1:1: error: invalid character ' ' in name 'a b'\n");
}

static void c_filter_escapes_quotes_backslashes_controls_and_trigraphs(void **state)
{
    (void)state;
    EXPECT("s = {{x|c}};", "{\"x\":\"a\\\"b\\\\c\\td\\u0001?\?=e?\"}",
           "s = \"a\\\"b\\\\c\\td\\001?\\?=e?\";");
    /* non-ASCII as octal: the literal is ASCII and never continues a hex escape */
    EXPECT("{{x|c}}", "{\"x\":\"\\u00e91\"}", "\"\\303\\2511\"");
    /* one literal per line, continuation aligned with the tag */
    EXPECT("  f({{x|c}});", "{\"x\":\"SELECT a\\nFROM t\"}", "  f(\"SELECT a\\n\"\n    \"FROM t\");");
}

static void c_filter_splits_long_literals(void **state)
{
    (void)state;
    size_t n = 10000;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) s[i] = (char)(i % 3 == 0 ? '"' : 'a' + (int)(i % 20));
    s[n] = '\0';
    dg_buf out = DG_BUF_INIT;
    dg_tmpl_c_literal(&out, s, "");
    /* a string past 4,095 characters is wrapped, whatever its pieces */
    const char *p = dg_buf_cstr(&out);
    assert_true(strncmp(p, "DAL_LONG_STRING(", 16) == 0);
    assert_int_equal(out.data[out.len - 1], ')');
    p += 16;
    /* every literal holds at most 4,095 characters, escapes never split */
    size_t literals = 0, total = 0;
    while (*p != ')') {
        assert_int_equal(*p, '"');
        const char *q = p + 1;
        size_t len = 0;
        while (*q != '"') {
            size_t step = *q == '\\' ? 2 : 1;
            q += step;
            len += step;
            total += 1;
        }
        assert_true(len <= DG_TMPL_MAX_LITERAL);
        literals++;
        p = q + 1;
        if (*p == '\n') p++;
    }
    assert_int_equal(total, n);
    assert_int_equal(literals, 4);   /* 13,334 escaped characters */
    /* the limit is the string's length, not its escaped text's: 4,095 is
     * one plain literal, 4,096 is wrapped */
    s[4095] = '\0';
    dg_buf_clear(&out);
    dg_tmpl_c_literal(&out, s, "");
    assert_int_equal(out.data[0], '"');
    s[4095] = 'a';
    s[4096] = '\0';
    dg_buf_clear(&out);
    dg_tmpl_c_literal(&out, s, "");
    assert_true(strncmp(dg_buf_cstr(&out), "DAL_LONG_STRING(\"", 17) == 0);
    dg_buf_free(&out);
    free(s);
}

static void comment_filter_breaks_delimiters_and_repeats_prefix(void **state)
{
    (void)state;
    EXPECT("/* {{x|comment}} */", "{\"x\":\"a */ b /* c ?\?= d\"}", "/* a * / b / * c ? ?= d */");
    EXPECT("    /* {{x|comment}}\n     */", "{\"x\":\"SELECT a\\nFROM t\\n\\nWHERE\"}",
           "    /* SELECT a\n     * FROM t\n     *\n     * WHERE\n     */");
    /* bidirectional controls (U+202E, U+2066, U+061C) are shown, not written:
     * gcc refuses an unpaired one in a comment (-Wbidi-chars); other
     * non-ASCII text stays */
    EXPECT("/* {{x|comment}} */", "{\"x\":\"a\u202eb\u2066c\u061cd \u00e9\u2028\"}",
           "/* a<U+202E>b<U+2066>c<U+061C>d \xc3\xa9\xe2\x80\xa8 */");
}

/* The same text (or errors) from the view's arrays as template lists,
 * whose items hold only the names the section reads, as from the arrays. */
#define EXPECT_LISTS(tmpl, partial, view, expected)                       \
    do {                                                                  \
        for (mode m_ = AS_JSON; m_ <= AS_VALUES_SINK; m_++) {              \
            char *got_ = render_mode(tmpl, partial, view, m_);            \
            assert_string_equal(got_, expected);                          \
            free(got_);                                                   \
        }                                                                 \
    } while (0)

static void lists_render_as_arrays(void **state)
{
    (void)state;
    const char *view = "{\"xs\":[{\"n\":\"a\",\"o\":{\"k\":1},\"skip\":\"S\"},{\"n\":\"b\",\"o\":{\"k\":2}}],"
                       "\"e\":[],\"top\":\"T\"}";
    EXPECT_LISTS("{{#xs}}{{-index}}{{#-first}}F{{/-first}}{{n}}{{o.k}}{{#o}}{{k}}{{top}}{{/o}}{{^-last}},{{/-last}}{{/xs}}"
                 "{{^e}}!{{/e}}{{#e}}no{{/e}}{{^xs}}no{{/xs}}",
                 NULL, view, "0Fa11T,1b22T!");
    /* the names of partials count, and an item's missing name falls back
     * to the root as in an array */
    EXPECT_LISTS("{{#xs}}\n  {{> p}}\n{{/xs}}", "{{n}}:{{#o}}{{k}}{{/o}}:{{top}}\n", view, "  a:1:T\n  b:2:T\n");
    EXPECT_LISTS("{{#xs}}{{nope}}{{/xs}}", NULL, view,
                 "ERR main.tmpl:1:8: error: no value named 'nope'\nmain.tmpl:1:8: error: no value named 'nope'\n");
    EXPECT_LISTS("{{xs}}", NULL, view, "ERR main.tmpl:1:1: error: 'xs' is a list or an object, not a value\n");
    EXPECT_LISTS("{{#xs.n}}no{{/xs.n}}{{#top}}{{#xs}}{{n}}{{/xs}}{{/top}}", NULL, view, "ab");
    /* a list rendered inside one of its own elements: the outer element
     * stays whole (each section has its own arena) */
    EXPECT_LISTS("{{#xs}}{{n}}({{#xs}}{{n}}{{o.k}}{{/xs}}){{n}}{{o.k}};{{/xs}}", NULL, view, "a(a1b2)a1;b(a1b2)b2;");
}

static json_t *wanted;   /* what want_item was asked for */

static json_t *want_item(void *ctx, size_t i, const dg_tmpl_names *want)
{
    (void)ctx;
    (void)i;
    const char *names[] = {"n", "o", "k", "p", "skip", "top", "xs"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        json_object_set_new(wanted, names[k], json_boolean(dg_tmpl_names_has(want, names[k])));
    return json_pack("{s:s}", "n", "x");
}

static void list_items_are_asked_for_the_names_their_section_reads(void **state)
{
    (void)state;
    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add(set, "main", "main.tmpl", "{{#xs}}{{n}}{{#o.k}}{{/o.k}}{{> p}}{{/xs}}{{top}}");
    dg_tmpl_set_add(set, "p", "p.tmpl", "{{^p}}{{/p}}{{> p}}");   /* recursive: walked once */
    dg_tmpl_list list = {"xs", 1, want_item, NULL};
    json_t *root = json_pack("{s:s}", "top", "T");
    dg_tmpl_view v = {root, &list, 1};
    wanted = json_object();
    dg_diags d = DG_DIAGS_INIT;
    dg_buf out = DG_BUF_INIT;
    assert_int_equal(dg_tmpl_render_view(set, "main", &v, &out, NULL, &d), -1);   /* the recursion's error */
    json_t *expected = json_pack("{s:b,s:b,s:b,s:b,s:b,s:b,s:b}", "n", 1, "o", 1, "k", 1, "p", 1, "skip", 0, "top", 0,
                                 "xs", 0);
    assert_true(json_equal(wanted, expected));
    assert_true(dg_tmpl_names_has(NULL, "anything"));
    json_decref(expected);
    json_decref(wanted);
    json_decref(root);
    dg_buf_free(&out);
    dg_diags_free(&d);
    dg_tmpl_set_free(set);
}

/* Output far larger than the sink's chunk, with multi-line |c and |comment
 * values (which read back the line being written) at every offset. */
static void sink_output_is_the_rendered_text(void **state)
{
    (void)state;
    json_t *xs = json_array();
    char pad[100];
    for (int i = 0; i < 8000; i++) {   /* pads of every length: the chunk ends anywhere in a line */
        memset(pad, '.', sizeof pad);
        pad[i % 97] = '\0';
        json_array_append_new(xs, json_pack("{s:i,s:s,s:s}", "i", i, "pad", pad, "s",
                                            i % 3 ? "one\ntwo \"x\"\nthree" : "*/ end"));
    }
    json_t *view = json_pack("{s:o}", "xs", xs);
    char *text = json_dumps(view, 0);
    const char *tmpl = "{{#xs}}\n/* {{i}}{{pad}}: {{s|comment}} */\n    f({{i}}, {{pad}}{{s|c}});\n{{/xs}}";
    char *expected = render2(tmpl, NULL, text);
    assert_true(strlen(expected) > 16 * 65536);
    EXPECT_LISTS(tmpl, NULL, text, expected);
    free(expected);
    free(text);
    json_decref(view);
}

/* A template of n tags on one line, n/2 standalone sections and an
 * unterminated tag; CPU seconds to parse it, the error in *got. */
static double tags_cpu(int n, char **got)
{
    dg_buf t = DG_BUF_INIT;
    for (int i = 0; i < n; i++) dg_buf_puts(&t, "{{a}}");
    dg_buf_puts(&t, "\n");
    for (int i = 0; i < n / 2; i++) dg_buf_puts(&t, "{{#s}}\n{{/s}}\n");
    dg_buf_puts(&t, "  {{");
    clock_t start = clock();
    *got = render(dg_buf_cstr(&t), "{\"a\":\"x\",\"s\":true}");
    double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
    dg_buf_free(&t);
    return secs;
}

/* Tags are located in one pass: 8 times the tags may not cost much more
 * than 8 times the time (each tag's line and column were counted from the
 * start of the text: 100,000 tags took minutes; issue 21); the last error
 * is still located exactly.  The bound is loose (32 times and a quarter
 * second, the fastest of three runs): it failed on loaded machines at 24. */
static void many_tags_are_located_in_linear_time(void **state)
{
    (void)state;
    char *small_err = NULL, *big_err = NULL;
    double small = 1e9, big = 1e9;
    for (int run = 0; run < 3; run++) {   /* the fastest of three: a loaded machine */
        free(small_err);
        free(big_err);
        double s = tags_cpu(12500, &small_err), b = tags_cpu(100000, &big_err);
        small = s < small ? s : small;
        big = b < big ? b : big;
    }
    assert_string_equal(small_err, "ERR main.tmpl:12502:3: error: unterminated tag (no closing '}}')\n");
    assert_string_equal(big_err, "ERR main.tmpl:100002:3: error: unterminated tag (no closing '}}')\n");
    /* quadratic is 64 times and took minutes; the margin is for noise */
    assert_true(big < 32 * small + 0.25);
    free(small_err);
    free(big_err);
}

/* Sections nest at most 1000 deep (rendering recurses once per level): 100,000
 * nested sections ran for seconds, deeper ones would exhaust the stack. */
static void deep_sections_are_an_error_not_a_crash(void **state)
{
    (void)state;
    dg_buf t = DG_BUF_INIT;
    for (int i = 0; i < 1000; i++) dg_buf_puts(&t, "{{#yes}}");
    dg_buf_puts(&t, "x");
    for (int i = 0; i < 1000; i++) dg_buf_puts(&t, "{{/yes}}");
    char *got = render(dg_buf_cstr(&t), "{\"yes\":true}");
    assert_string_equal(got, "x");
    free(got);
    dg_buf_free(&t);
    for (int i = 0; i < 100000; i++) dg_buf_puts(&t, "{{#yes}}");
    for (int i = 0; i < 100000; i++) dg_buf_puts(&t, "{{/yes}}");
    got = render(dg_buf_cstr(&t), "{\"yes\":true}");
    assert_string_equal(got, "ERR main.tmpl:1:8001: error: sections nested more than 1000 deep\n");
    free(got);
    dg_buf_free(&t);
}

/* The arena values (template_value.h): makers, order, what jansson refuses,
 * the arena's reuse after a reset and a value larger than its chunks. */
static void values_keep_order_and_refuse_invalid_text(void **state)
{
    (void)state;
    dg_tarena a = DG_TARENA_INIT;
    void *first = dg_tarena_alloc(&a, 16);
    char *big = dg_tarena_alloc(&a, 200000);   /* more than a chunk */
    memset(big, 'x', 200000);
    dg_tarena_reset(&a);
    assert_ptr_equal(dg_tarena_alloc(&a, 16), first);
    assert_null(dg_tv_str(&a, NULL));
    assert_null(dg_tv_str(&a, "bad \xff byte"));
    assert_non_null(dg_tv_str(&a, "caf\xc3\xa9"));
    dg_tval *o = dg_tv_obj(&a), *arr = dg_tv_arr(&a);
    for (int i = 0; i < 100; i++) dg_tv_push(&a, arr, dg_tv_int(&a, i));
    dg_tv_push(&a, arr, NULL);
    dg_tv_set(&a, o, "b", dg_tv_bool(&a, false));
    dg_tv_set(&a, o, "a", dg_tv_strn(&a, "xyz", 2));
    dg_tv_set(&a, o, "skipped", dg_tv_str(&a, "\xc3"));
    dg_tv_set(&a, o, "arr", arr);
    dg_tval *copy = dg_tv_copy(&a, o);
    dg_tv_set(&a, copy, "more", dg_tv_true(&a));
    assert_int_equal(o->len, 3);
    assert_int_equal(dg_tv_at(arr, 99)->u.i, 99);
    assert_null(dg_tv_at(arr, 100));
    assert_null(dg_tv_get(arr, "a"));
    json_t *j = dg_tv_to_json(copy);
    char *text = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    assert_int_equal(strncmp(text, "{\"b\":false,\"a\":\"xy\",\"arr\":[0,1,", 31), 0);
    assert_non_null(strstr(text, ",99],\"more\":true}"));
    json_t *back = dg_tv_to_json(dg_tv_from_json(&a, j));
    assert_true(json_equal(back, j));
    free(text);
    json_decref(back);
    json_decref(j);
    dg_tarena_free(&a);
}

/* A string set by dg_tv_set_str is checked when first read: invalid text
 * is absent for dg_tv_get, dg_tv_to_json and the renderer (the name then
 * finds the outer value), as when it was refused at once. */
static dg_tval *bad_text_value(void *ctx, size_t i, const dg_tmpl_names *want, dg_tarena *a)
{
    (void)ctx;
    (void)want;
    dg_tval *o = dg_tv_obj(a);
    dg_tv_set_str(a, o, "x", i ? "ok" : "bad \xff byte");
    dg_tv_set_str(a, o, "y", "caf\xc3\xa9");
    return o;
}

static void invalid_text_is_absent_when_read(void **state)
{
    (void)state;
    dg_tarena a = DG_TARENA_INIT;
    dg_tval *o = bad_text_value(NULL, 0, NULL, &a);
    assert_null(dg_tv_get(o, "x"));
    assert_string_equal(dg_tv_get(o, "y")->u.s, "caf\xc3\xa9");
    assert_int_equal(dg_tv_get(o, "y")->len, 5);
    json_t *j = dg_tv_to_json(o);
    assert_int_equal(json_object_size(j), 1);
    assert_non_null(json_object_get(j, "y"));
    json_decref(j);
    dg_tarena_free(&a);

    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add(set, "main", "main.tmpl", "{{#items}}{{x}} {{/items}}");
    json_t *root = json_pack("{s:s}", "x", "outer");
    dg_tmpl_list list = {"items", 3, NULL, NULL, bad_text_value};
    dg_tmpl_view v = {root, &list, 1};
    dg_buf out = DG_BUF_INIT;
    dg_diags d = DG_DIAGS_INIT;
    assert_int_equal(dg_tmpl_render_view(set, "main", &v, &out, NULL, &d), 0);
    assert_string_equal(dg_buf_cstr(&out), "outer ok ok ");
    dg_buf_free(&out);
    dg_diags_free(&d);
    json_decref(root);
    dg_tmpl_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(variables_render_strings_numbers_and_booleans),
        cmocka_unit_test(missing_variable_is_an_error_with_location),
        cmocka_unit_test(sections_iterate_arrays_and_push_objects),
        cmocka_unit_test(inverted_sections_render_when_falsy),
        cmocka_unit_test(standalone_lines_leave_no_blank_lines),
        cmocka_unit_test(partials_are_indented_like_their_tag),
        cmocka_unit_test(syntax_errors_report_template_line_and_column),
        cmocka_unit_test(c_filter_escapes_quotes_backslashes_controls_and_trigraphs),
        cmocka_unit_test(c_filter_splits_long_literals),
        cmocka_unit_test(invalid_text_is_absent_when_read),
        cmocka_unit_test(comment_filter_breaks_delimiters_and_repeats_prefix),
        cmocka_unit_test(lists_render_as_arrays),
        cmocka_unit_test(list_items_are_asked_for_the_names_their_section_reads),
        cmocka_unit_test(values_keep_order_and_refuse_invalid_text),
        cmocka_unit_test(sink_output_is_the_rendered_text),
        cmocka_unit_test(many_tags_are_located_in_linear_time),
        cmocka_unit_test(deep_sections_are_an_error_not_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
