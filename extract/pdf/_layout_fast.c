/* The per-glyph loops of the PDF page layout in C: glyphs into cells, printed lines, cell text,
 * and with them a frame's merged cells and grid cells, the page's misdrawn ASCII glyphs, its
 * turn and garbled counts, and its ruling lines (segments and the tables they touch into).
 *
 * layout.py, lattice.py, open_grid.py, glyphs.py, rulings.py and plumber_engine.py hold the
 * reference route in Python (and merge.py the merged cells); these functions
 * do the same work over the same glyph dicts with the same float operations in the same order
 * (built with -ffp-contract=off: a fused multiply-add rounds differently from Python's two
 * operations), so the records are identical (tests/test_layout_native.py compares both routes
 * on every PDF). Sorts are stable like Python's; a NaN key, which Python's sort orders by its
 * own algorithm, hands the sort to Python's list.sort. String rules (folding, the sets of
 * no-break characters, the numbered-item pattern) come from Python through init().
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static PyObject *K_X0, *K_X1, *K_TOP, *K_BOTTOM, *K_TEXT, *K_SIZE, *K_UPRIGHT, *K_STROKE, *K_PTS;
static PyObject *K_UP, *K_DOWN, *S_CID, *A_POS;
static PyObject *S_EMPTY, *S_SPACE, *S_NEWLINE, *S_TRANSLATE, *S_SORT, *S_KEY;
static PyObject *A_LO, *A_HI, *A_XS, *A_YS, *A_OWNER, *A_SPANS, *A_OPEN_TOP, *A_OPEN_BOTTOM;

/* What init() receives from Python. */
static struct {
    PyObject *fold;             /* glyphs._FOLD: code point -> folded string */
    PyObject *no_line_start;    /* layout.NO_LINE_START */
    PyObject *no_line_end;      /* layout.NO_LINE_END */
    PyObject *sentence_end;     /* layout.SENTENCE_END */
    PyObject *starts_numbered;  /* vocabulary.starts_numbered_item */
    PyObject *undecided;        /* layout.UNDECIDED */
    PyObject *key_top, *key_x0, *key_top_x0;  /* the itemgetters Python sorts by */
    double gap, max_pad, hard_slack, numbered_slack, autospace;
    unsigned char *foldable;    /* bitmap of the code points ``fold`` maps */
    Py_UCS4 fold_max;
} R;
static int ready = 0;

/* -- reading glyph dicts ------------------------------------------------------------------ */

static int number(PyObject *value, double *out) {
    if (PyFloat_CheckExact(value)) {
        *out = PyFloat_AS_DOUBLE(value);
        return 0;
    }
    if (PyFloat_Check(value) || PyLong_Check(value)) {
        *out = PyFloat_AsDouble(value);
        return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
    }
    PyErr_SetString(PyExc_TypeError, "a glyph coordinate must be a float");
    return -1;
}

static PyObject *item(PyObject *glyph, PyObject *key) {  /* borrowed */
    if (!PyDict_Check(glyph)) {
        PyErr_SetString(PyExc_TypeError, "a glyph must be a dict");
        return NULL;
    }
    PyObject *value = PyDict_GetItemWithError(glyph, key);
    if (value == NULL && !PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, key);
    return value;
}

static int get(PyObject *glyph, PyObject *key, double *out) {
    PyObject *value = item(glyph, key);
    return value == NULL ? -1 : number(value, out);
}

/* The values of ``n`` keys of a glyph dict (NULL where absent), in one pass over its entries:
 * the engines' dicts are small and their keys the interned strings these are, so a pointer
 * compare finds them; a key met no other way is looked up. -1 on error. */
static int fetch(PyObject *glyph, PyObject *const *keys, PyObject **values, int n) {
    int found = 0;
    for (int k = 0; k < n; k++) values[k] = NULL;
    if (PyDict_GET_SIZE(glyph) <= 16) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (found < n && PyDict_Next(glyph, &pos, &key, &value))
            for (int k = 0; k < n; k++)
                if (key == keys[k]) {
                    values[k] = value;
                    found++;
                    break;
                }
    }
    for (int k = 0; found < n && k < n; k++)
        if (values[k] == NULL) {
            values[k] = PyDict_GetItemWithError(glyph, keys[k]);
            if (values[k] == NULL && PyErr_Occurred()) return -1;
        }
    return 0;
}

/* A coordinate fetched: KeyError where absent, else as ``number`` */
static int coordinate(PyObject *value, PyObject *key, double *out) {
    if (value == NULL) {
        PyErr_SetObject(PyExc_KeyError, key);
        return -1;
    }
    return number(value, out);
}

/* ``ch.get("size") or 10.0`` of a fetched value */
static int size_value(PyObject *value, double *out) {
    int truth = value == NULL ? 0 : PyObject_IsTrue(value);
    if (truth < 0) return -1;
    if (!truth) {
        *out = 10.0;
        return 0;
    }
    return number(value, out);
}

/* ``ch.get("size") or 10.0`` */
static int size_of(PyObject *glyph, double *out) {
    if (!PyDict_Check(glyph)) {
        PyErr_SetString(PyExc_TypeError, "a glyph must be a dict");
        return -1;
    }
    PyObject *value = PyDict_GetItemWithError(glyph, K_SIZE);
    if (value == NULL) {
        if (PyErr_Occurred()) return -1;
        *out = 10.0;
        return 0;
    }
    int truth = PyObject_IsTrue(value);
    if (truth < 0) return -1;
    if (!truth) {
        *out = 10.0;
        return 0;
    }
    return number(value, out);
}

static PyObject *text_of(PyObject *glyph) {  /* borrowed */
    PyObject *text = item(glyph, K_TEXT);
    if (text != NULL && !PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "a glyph's text must be a str");
        return NULL;
    }
    return text;
}

/* -- str methods, as Python defines them ------------------------------------------------- */

static int is_space(PyObject *s) {  /* str.isspace */
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n == 0) return 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

static int is_blank(PyObject *s) { return PyUnicode_GET_LENGTH(s) == 0 || is_space(s); }

static int is_alnum(PyObject *s) {  /* str.isalnum */
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n == 0) return 0;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

static int cjk(Py_UCS4 cp) {  /* glyphs.is_cjk */
    return (0x2E80 <= cp && cp <= 0x9FFF) || (0xF900 <= cp && cp <= 0xFAFF) ||
           (0xFE30 <= cp && cp <= 0xFE4F) || (0xFF00 <= cp && cp <= 0xFFEF) ||
           (0x20000 <= cp && cp <= 0x3FFFF);
}

/* glyphs.fold_glyphs: str.translate(_FOLD), called only when a code point folds. */
static PyObject *fold(PyObject *s) {  /* new reference; steals s */
    if (PyUnicode_MAX_CHAR_VALUE(s) < 0xA0) return s;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        if (cp <= R.fold_max && (R.foldable[cp >> 3] >> (cp & 7)) & 1) {
            PyObject *out = PyObject_CallMethodOneArg(s, S_TRANSLATE, R.fold);
            Py_DECREF(s);
            return out;
        }
    }
    return s;
}

/* glyphs.join_groups */
static PyObject *join_groups(PyObject *groups) {
    Py_ssize_t n = PyList_GET_SIZE(groups), kept = 0;
    int spaced = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *g = PyList_GET_ITEM(groups, i);
        Py_ssize_t len = PyUnicode_GET_LENGTH(g);
        if (len == 0) continue;
        kept++;
        if (len != 1 || !cjk(PyUnicode_READ_CHAR(g, 0))) spaced = 0;
    }
    PyObject *filtered = PyList_New(0);
    if (filtered == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *g = PyList_GET_ITEM(groups, i);
        if (PyUnicode_GET_LENGTH(g) && PyList_Append(filtered, g) < 0) {
            Py_DECREF(filtered);
            return NULL;
        }
    }
    PyObject *out = PyUnicode_Join(kept > 1 && spaced ? S_EMPTY : S_SPACE, filtered);
    Py_DECREF(filtered);
    return out;
}

/* -- stable sorts ------------------------------------------------------------------------- */

typedef struct { double a, b; Py_ssize_t i; } Key;

/* Does k sort before l (keys first, then the original order: a stable sort)? */
static inline int before(const Key *k, const Key *l, int two) {
    if (k->a < l->a) return 1;
    if (l->a < k->a) return 0;
    if (two) {
        if (k->b < l->b) return 1;
        if (l->b < k->b) return 0;
    }
    return k->i < l->i;
}

/* A stable sort of keys without NaN: insertion sort for short runs (glyphs mostly come in
 * order already), merged bottom-up. ``tmp`` holds n keys. */
static void sort_keys(Key *keys, Key *tmp, Py_ssize_t n, int two) {
    const Py_ssize_t run = 24;
    for (Py_ssize_t lo = 0; lo < n; lo += run) {
        Py_ssize_t hi = lo + run < n ? lo + run : n;
        for (Py_ssize_t i = lo + 1; i < hi; i++) {
            if (!before(&keys[i], &keys[i - 1], two)) continue;
            Key k = keys[i];
            Py_ssize_t j = i;
            while (j > lo && before(&k, &keys[j - 1], two)) {
                keys[j] = keys[j - 1];
                j--;
            }
            keys[j] = k;
        }
    }
    Key *src = keys, *dst = tmp;
    for (Py_ssize_t width = run; width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo < n; lo += 2 * width) {
            Py_ssize_t mid = lo + width < n ? lo + width : n;
            Py_ssize_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            Py_ssize_t i = lo, j = mid, o = lo;
            if (mid >= hi || !before(&src[mid], &src[mid - 1], two)) {  /* already in order */
                memcpy(&dst[lo], &src[lo], (hi - lo) * sizeof(Key));
                continue;
            }
            while (i < mid && j < hi) dst[o++] = before(&src[j], &src[i], two) ? src[j++] : src[i++];
            while (i < mid) dst[o++] = src[i++];
            while (j < hi) dst[o++] = src[j++];
        }
        Key *t = src;
        src = dst;
        dst = t;
    }
    if (src != keys) memcpy(keys, src, n * sizeof(Key));
}

/* A new list of ``glyphs`` sorted (stably) by one key, or by two; Python's sort where a key is
 * NaN. ``getter`` is the itemgetter Python would sort with. */
static PyObject *sorted_by(PyObject *glyphs, PyObject *ka, PyObject *kb, PyObject *getter) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(glyphs);
    PyObject **items = PySequence_Fast_ITEMS(glyphs);
    Key *keys = PyMem_Malloc((n ? 2 * n : 1) * sizeof(Key));
    if (keys == NULL) return PyErr_NoMemory();
    int nan = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        keys[i].i = i;
        keys[i].b = 0.0;
        if (get(items[i], ka, &keys[i].a) < 0 || (kb && get(items[i], kb, &keys[i].b) < 0)) {
            PyMem_Free(keys);
            return NULL;
        }
        if (isnan(keys[i].a) || isnan(keys[i].b)) nan = 1;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL || nan) {
        PyMem_Free(keys);
        if (out == NULL) return NULL;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_INCREF(items[i]);
            PyList_SET_ITEM(out, i, items[i]);
        }
        PyObject *kwargs = Py_BuildValue("{O:O}", S_KEY, getter);
        PyObject *sort = PyObject_GetAttr(out, S_SORT);
        PyObject *none = PyTuple_New(0);
        PyObject *done = (kwargs && sort && none) ? PyObject_Call(sort, none, kwargs) : NULL;
        Py_XDECREF(none);
        Py_XDECREF(kwargs);
        Py_XDECREF(sort);
        if (done == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(done);
        return out;
    }
    sort_keys(keys, keys + n, n, kb != NULL);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *g = items[keys[i].i];
        Py_INCREF(g);
        PyList_SET_ITEM(out, i, g);
    }
    PyMem_Free(keys);
    return out;
}

/* -- layout.printed_lines ----------------------------------------------------------------- */

static PyObject *printed_lines_of(PyObject *chars) {
    PyObject *seq = PySequence_Fast(chars, "chars must be a list");
    if (seq == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *lines = PyList_New(0), *order = NULL, *line = NULL;
    if (lines == NULL || n == 0) goto done;
    Py_ssize_t tilted = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!PyDict_Check(items[i])) {
            PyErr_SetString(PyExc_TypeError, "a glyph must be a dict");
            goto fail;
        }
        PyObject *up = PyDict_GetItemWithError(items[i], K_UPRIGHT);
        if (up == NULL && PyErr_Occurred()) goto fail;
        int truth = up == NULL ? 1 : PyObject_IsTrue(up);
        if (truth < 0) goto fail;
        tilted += !truth;
    }
    if (tilted * 2 > n) {  /* rotated text: one line in reading order */
        order = sorted_by(seq, K_TOP, K_X0, R.key_top_x0);
        if (order == NULL || PyList_Append(lines, order) < 0) goto fail;
        goto done;
    }
    order = sorted_by(seq, K_TOP, NULL, R.key_top);
    if (order == NULL) goto fail;
    double lo = 0.0, hi = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(order, i);
        double top, bottom;
        if (get(ch, K_TOP, &top) < 0 || get(ch, K_BOTTOM, &bottom) < 0) goto fail;
        if (line != NULL) {
            double mid = (top + bottom) / 2, band = (lo + hi) / 2;
            if ((lo <= mid && mid <= hi) || (top <= band && band <= bottom)) {
                if (PyList_Append(line, ch) < 0) goto fail;
                if (top < lo) lo = top;
                if (bottom > hi) hi = bottom;
                continue;
            }
        }
        line = PyList_New(1);
        if (line == NULL) goto fail;
        Py_INCREF(ch);
        PyList_SET_ITEM(line, 0, ch);
        int appended = PyList_Append(lines, line);
        Py_DECREF(line);  /* ``lines`` holds it */
        if (appended < 0) goto fail;
        lo = top;
        hi = bottom;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *sorted = sorted_by(PyList_GET_ITEM(lines, i), K_X0, NULL, R.key_x0);
        if (sorted == NULL) goto fail;
        PyList_SetItem(lines, i, sorted);
    }
done:
    Py_XDECREF(order);
    Py_DECREF(seq);
    return lines;
fail:
    Py_XDECREF(order);
    Py_XDECREF(lines);
    Py_DECREF(seq);
    return NULL;
}

/* -- layout.line_items -------------------------------------------------------------------- */

/* Close the current group: its glyph texts joined and folded, appended to ``groups``. */
static int close_group(PyObject *current, PyObject *groups) {
    PyObject *joined = PyUnicode_Join(S_EMPTY, current);
    if (joined == NULL) return -1;
    joined = fold(joined);
    if (joined == NULL) return -1;
    int rc = PyList_Append(groups, joined);
    Py_DECREF(joined);
    if (rc == 0) rc = PyList_SetSlice(current, 0, PyList_GET_SIZE(current), NULL);
    return rc;
}

/* Items of (groups, glyphs) of one printed line (a list); ``split`` < 0 is no split. */
static PyObject *items_of(PyObject *line, double split) {
    PyObject *items = PyList_New(0), *current = PyList_New(0);
    PyObject *groups = NULL, *glyphs = NULL, *out = NULL;
    if (items == NULL || current == NULL) goto fail;
    groups = PyList_New(0);
    glyphs = PyList_New(0);
    if (groups == NULL || glyphs == NULL) goto fail;
    PyObject *pair = PyTuple_Pack(2, groups, glyphs);
    if (pair == NULL || PyList_Append(items, pair) < 0) {
        Py_XDECREF(pair);
        goto fail;
    }
    Py_DECREF(pair);
    int started = 0;
    double prev_x1 = 0.0;
    Py_ssize_t n = PyList_GET_SIZE(line);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(line, i);
        PyObject *text = text_of(ch);
        if (text == NULL) goto fail;
        if (is_blank(text)) {
            if (PyList_GET_SIZE(current) && close_group(current, groups) < 0) goto fail;
            continue;
        }
        if (started) {
            double x0, size;
            if (get(ch, K_X0, &x0) < 0 || size_of(ch, &size) < 0) goto fail;
            double gap = x0 - prev_x1;
            if (split >= 0 && gap > split * size) {
                if (PyList_GET_SIZE(current) && close_group(current, groups) < 0) goto fail;
                Py_DECREF(groups);
                Py_DECREF(glyphs);
                groups = PyList_New(0);
                glyphs = PyList_New(0);
                if (groups == NULL || glyphs == NULL) goto fail;
                pair = PyTuple_Pack(2, groups, glyphs);
                if (pair == NULL || PyList_Append(items, pair) < 0) {
                    Py_XDECREF(pair);
                    goto fail;
                }
                Py_DECREF(pair);
            } else if (gap > R.gap * size && PyList_GET_SIZE(current)) {
                if (close_group(current, groups) < 0) goto fail;
            }
        }
        if (PyList_Append(current, text) < 0 || PyList_Append(glyphs, ch) < 0) goto fail;
        if (get(ch, K_X1, &prev_x1) < 0) goto fail;
        started = 1;
    }
    if (PyList_GET_SIZE(current) && close_group(current, groups) < 0) goto fail;
    out = PyList_New(0);
    if (out == NULL) goto fail;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *it = PyList_GET_ITEM(items, i);
        if (PyList_GET_SIZE(PyTuple_GET_ITEM(it, 0)) && PyList_Append(out, it) < 0) {
            Py_CLEAR(out);
            goto fail;
        }
    }
fail:
    Py_XDECREF(items);
    Py_XDECREF(current);
    Py_XDECREF(groups);
    Py_XDECREF(glyphs);
    return out;
}

/* -- layout._printed and box_text --------------------------------------------------------- */

typedef struct {
    PyObject *text;  /* owned */
    double x0, x1, need, size;
    int trailing_space;
    Py_ssize_t glyphs;
    Py_UCS4 first, last;
} Line;

/* layout._may_break; -1 on error */
static int may_break(PyObject *a, PyObject *b) {
    PyObject *ta = text_of(a), *tb = text_of(b);
    if (ta == NULL || tb == NULL) return -1;
    int in = PySet_Contains(R.no_line_start, tb);
    if (in != 0) return in < 0 ? -1 : 0;
    in = PySet_Contains(R.no_line_end, ta);
    if (in != 0) return in < 0 ? -1 : 0;
    double bx0, ax1;
    if (get(b, K_X0, &bx0) < 0 || get(a, K_X1, &ax1) < 0) return -1;
    if (bx0 - ax1 > 1.0) return 1;
    int a_ascii = PyUnicode_IS_ASCII(ta), b_ascii = PyUnicode_IS_ASCII(tb);
    if (b_ascii && is_alnum(tb) && a_ascii) return 0;
    return !(a_ascii && is_alnum(ta) && b_ascii && !is_space(tb));
}

/* 1 with ``out`` filled, 0 for a line that prints nothing, -1 on error */
static int printed(PyObject *line, Line *out) {
    PyObject *items = items_of(line, -1.0);
    if (items == NULL) return -1;
    if (PyList_GET_SIZE(items) == 0) {
        Py_DECREF(items);
        return 0;
    }
    PyObject *first_item = PyList_GET_ITEM(items, 0);
    PyObject *visible = PyTuple_GET_ITEM(first_item, 1);
    Py_ssize_t n = PyList_GET_SIZE(visible), end = 1;
    while (end < n) {
        int br = may_break(PyList_GET_ITEM(visible, end - 1), PyList_GET_ITEM(visible, end));
        if (br < 0) goto fail;
        if (br) break;
        end++;
    }
    PyObject *first = PyList_GET_ITEM(visible, 0), *last = PyList_GET_ITEM(visible, n - 1);
    double end_x1, first_x0;
    if (get(PyList_GET_ITEM(visible, end - 1), K_X1, &end_x1) < 0 || get(first, K_X0, &first_x0) < 0)
        goto fail;
    out->need = end_x1 - first_x0;
    out->x0 = first_x0;
    if (get(last, K_X1, &out->x1) < 0 || size_of(first, &out->size) < 0) goto fail;
    PyObject *tail = text_of(PyList_GET_ITEM(line, PyList_GET_SIZE(line) - 1));
    PyObject *ft = text_of(first), *lt = text_of(last);
    if (tail == NULL || ft == NULL || lt == NULL) goto fail;
    out->trailing_space = is_space(tail);
    out->glyphs = n;
    out->first = PyUnicode_READ_CHAR(ft, 0);  /* visible glyphs have text */
    out->last = PyUnicode_READ_CHAR(lt, PyUnicode_GET_LENGTH(lt) - 1);
    out->text = join_groups(PyTuple_GET_ITEM(first_item, 0));
    if (out->text == NULL) goto fail;
    Py_DECREF(items);
    return 1;
fail:
    Py_DECREF(items);
    return -1;
}

static int char_in(PyObject *set, Py_UCS4 cp) {
    PyObject *s = PyUnicode_FromOrdinal((int)cp);
    if (s == NULL) return -1;
    int in = PySet_Contains(set, s);
    Py_DECREF(s);
    return in;
}

/* The cell's string from its printed lines (``count`` of them, each printing): the part of
 * layout.box_text after ``_printed``. New reference, or NULL on error. */
static PyObject *cell_string(Line *ls, Py_ssize_t count, double b0, double b2, Py_ssize_t *wraps) {
    if (count < 2) return count ? Py_NewRef(ls[0].text) : Py_NewRef(Py_None);
    PyObject *parts = PyList_New(0), *result = NULL;
    if (parts == NULL) return NULL;
    int stacked = 1;
    for (Py_ssize_t i = 0; i < count; i++)
        if (ls[i].glyphs != 1) stacked = 0;
    if (stacked) {  /* stacked label: one glyph per line */
        for (Py_ssize_t i = 0; i < count; i++)
            if (PyList_Append(parts, ls[i].text) < 0) goto done;
        result = PyUnicode_Join(S_EMPTY, parts);
        goto done;
    }
    double least = ls[0].x0;
    for (Py_ssize_t i = 1; i < count; i++)
        if (ls[i].x0 < least) least = ls[i].x0;
    double pad = least - b0;
    if (0.0 > pad) pad = 0.0;
    if (R.max_pad < pad) pad = R.max_pad;
    double avail = b2 - b0 - 2 * pad;
    if (PyList_Append(parts, ls[0].text) < 0) goto done;
    for (Py_ssize_t i = 1; i < count; i++) {
        Line *prev = &ls[i - 1], *line = &ls[i];
        double slack = avail - (prev->x1 - prev->x0);
        if (cjk(prev->last) != cjk(line->first)) slack -= R.autospace * line->size;
        PyObject *hit = PyObject_CallOneArg(R.starts_numbered, line->text);
        if (hit == NULL) goto done;
        int numbered = PyObject_IsTrue(hit);
        Py_DECREF(hit);
        if (numbered < 0) goto done;
        PyObject *joint = S_EMPTY;
        int ends = 0;
        if (numbered && !(slack >= line->need - R.numbered_slack)) {
            ends = char_in(R.sentence_end, prev->last);
            if (ends < 0) goto done;
        }
        if (numbered && (slack >= line->need - R.numbered_slack || ends))
            joint = S_NEWLINE;
        else if (slack > line->need + R.hard_slack && !prev->trailing_space)
            joint = R.undecided;
        else if (prev->trailing_space) {
            joint = S_SPACE;
            (*wraps)++;
        }
        if (PyList_Append(parts, joint) < 0 || PyList_Append(parts, line->text) < 0) goto done;
    }
    result = PyUnicode_Join(S_EMPTY, parts);
done:
    Py_DECREF(parts);
    return result;
}

/* layout.box_text over the lists of printed_lines_of: the route for glyphs with a NaN key. */
static PyObject *box_text_lists(PyObject *chars, double b0, double b2, Py_ssize_t *wraps) {
    PyObject *lines = printed_lines_of(chars);
    if (lines == NULL) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(lines), count = 0;
    PyObject *result = NULL;
    Line *ls = NULL;
    if (n == 1) {  /* most cells: one line, which needs no measuring */
        PyObject *items = items_of(PyList_GET_ITEM(lines, 0), -1.0);
        if (items == NULL) goto done;
        if (PyList_GET_SIZE(items))
            result = join_groups(PyTuple_GET_ITEM(PyList_GET_ITEM(items, 0), 0));
        else
            result = Py_NewRef(Py_None);
        Py_DECREF(items);
        goto done;
    }
    ls = PyMem_Calloc(n ? n : 1, sizeof(Line));
    if (ls == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int got = printed(PyList_GET_ITEM(lines, i), &ls[count]);
        if (got < 0) goto done;
        count += got;
    }
    result = cell_string(ls, count, b0, b2, wraps);
done:
    if (ls != NULL) {
        for (Py_ssize_t i = 0; i < count; i++) Py_XDECREF(ls[i].text);
        PyMem_Free(ls);
    }
    Py_DECREF(lines);
    return result;
}

/* A glyph's values, read from its dict once. */
typedef struct {
    PyObject *text;  /* borrowed */
    double x0, x1, top, bottom, size;
    int tilted, blank;
} Glyph;

static int load(PyObject *ch, Glyph *g) {
    if (!PyDict_Check(ch)) {
        PyErr_SetString(PyExc_TypeError, "a glyph must be a dict");
        return -1;
    }
    PyObject *keys[7] = {K_TEXT, K_X0, K_X1, K_TOP, K_BOTTOM, K_SIZE, K_UPRIGHT}, *v[7];
    if (fetch(ch, keys, v, 7) < 0) return -1;
    if (v[0] == NULL) {
        PyErr_SetObject(PyExc_KeyError, K_TEXT);
        return -1;
    }
    if (!PyUnicode_Check(v[0])) {
        PyErr_SetString(PyExc_TypeError, "a glyph's text must be a str");
        return -1;
    }
    g->text = v[0];
    g->blank = is_blank(g->text);
    if (coordinate(v[1], K_X0, &g->x0) < 0 || coordinate(v[2], K_X1, &g->x1) < 0 ||
        coordinate(v[3], K_TOP, &g->top) < 0 || coordinate(v[4], K_BOTTOM, &g->bottom) < 0 ||
        size_value(v[5], &g->size) < 0)
        return -1;
    PyObject *up = v[6];
    int truth = up == NULL ? 1 : PyObject_IsTrue(up);
    if (truth < 0) return -1;
    g->tilted = !truth;
    return 0;
}

/* One printed line (glyphs ``at[0..n)`` of ``gs``, left to right): its folded groups, the
 * glyphs that print (``visible``, their count returned), as layout.line_items without a split
 * gives them. -1 on error. */
static Py_ssize_t line_groups(const Glyph *gs, const Py_ssize_t *at, Py_ssize_t n,
                              PyObject *groups, Py_ssize_t *visible) {
    Py_ssize_t room = 0, nv = 0, used = 0;
    for (Py_ssize_t j = 0; j < n; j++) room += PyUnicode_GET_LENGTH(gs[at[j]].text);
    Py_UCS4 small[256], *buf = room <= 256 ? small : PyMem_Malloc(room * sizeof(Py_UCS4));
    if (buf == NULL) return PyErr_NoMemory(), -1;
    int started = 0;
    double prev_x1 = 0.0;
    for (Py_ssize_t j = 0; j <= n; j++) {
        const Glyph *g = j < n ? &gs[at[j]] : NULL;
        int close = g == NULL ? used > 0 : (g->blank ? used > 0 : 0);
        if (g != NULL && !g->blank && started && used > 0 && g->x0 - prev_x1 > R.gap * g->size)
            close = 1;
        if (close) {
            PyObject *group = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, used);
            if (group != NULL) group = fold(group);
            if (group == NULL || PyList_Append(groups, group) < 0) {
                Py_XDECREF(group);
                nv = -1;
                break;
            }
            Py_DECREF(group);
            used = 0;
        }
        if (g == NULL || g->blank) continue;
        Py_ssize_t len = PyUnicode_GET_LENGTH(g->text);
        if (!PyUnicode_AsUCS4(g->text, buf + used, room - used, 0)) {
            nv = -1;
            break;
        }
        used += len;
        visible[nv++] = at[j];
        prev_x1 = g->x1;
        started = 1;
    }
    if (buf != small) PyMem_Free(buf);
    return nv;
}

/* layout._may_break over loaded glyphs; -1 on error */
static int may_break_glyphs(const Glyph *a, const Glyph *b) {
    int in = PySet_Contains(R.no_line_start, b->text);
    if (in != 0) return in < 0 ? -1 : 0;
    in = PySet_Contains(R.no_line_end, a->text);
    if (in != 0) return in < 0 ? -1 : 0;
    if (b->x0 - a->x1 > 1.0) return 1;
    int a_ascii = PyUnicode_IS_ASCII(a->text), b_ascii = PyUnicode_IS_ASCII(b->text);
    if (b_ascii && is_alnum(b->text) && a_ascii) return 0;
    return !(a_ascii && is_alnum(a->text) && b_ascii && !is_space(b->text));
}

/* Sort ``at[0..n)`` (indexes into ``gs``) stably by top (and x0 with ``two``) or by x0 alone. */
static void sort_at(const Glyph *gs, Py_ssize_t *at, Py_ssize_t n, int by_top, int two, Key *keys,
                    Py_ssize_t *tmp) {
    for (Py_ssize_t i = 0; i < n; i++) {
        const Glyph *g = &gs[at[i]];
        keys[i].a = by_top ? g->top : g->x0;
        keys[i].b = two ? g->x0 : 0.0;
        keys[i].i = i;
    }
    sort_keys(keys, keys + n, n, two);
    for (Py_ssize_t i = 0; i < n; i++) tmp[i] = at[keys[i].i];
    memcpy(at, tmp, n * sizeof(Py_ssize_t));
}

/* layout.box_text over glyph values read once, with no list per line or group; NULL with no
 * error set where a key is NaN (the caller takes the list route, whose sorts are Python's). */
static PyObject *box_text_glyphs(PyObject *seq, double b0, double b2, Py_ssize_t *wraps) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    if (n == 0) return Py_NewRef(Py_None);
    Glyph *gs = PyMem_Malloc(n * sizeof(Glyph));
    Py_ssize_t *at = PyMem_Malloc(4 * n * sizeof(Py_ssize_t));
    Key *keys = PyMem_Malloc(2 * n * sizeof(Key));
    Line *ls = NULL;
    Py_ssize_t nlines = 0, count = 0, tilted = 0;
    PyObject *result = NULL, *groups = NULL;
    if (gs == NULL || at == NULL || keys == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *tmp = at + n, *starts = at + 2 * n, *visible = at + 3 * n;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (load(items[i], &gs[i]) < 0) goto done;
        if (isnan(gs[i].top) || isnan(gs[i].x0)) goto done;  /* NULL, no error: the list route */
        tilted += gs[i].tilted;
        at[i] = i;
    }
    if (tilted * 2 > n) {  /* rotated text: one line in reading order */
        sort_at(gs, at, n, 1, 1, keys, tmp);
        starts[nlines++] = 0;
    } else {
        sort_at(gs, at, n, 1, 0, keys, tmp);
        double lo = 0.0, hi = 0.0;
        for (Py_ssize_t i = 0; i < n; i++) {
            const Glyph *g = &gs[at[i]];
            double top = g->top, bottom = g->bottom;
            if (i > 0) {
                double mid = (top + bottom) / 2, band = (lo + hi) / 2;
                if ((lo <= mid && mid <= hi) || (top <= band && band <= bottom)) {
                    if (top < lo) lo = top;
                    if (bottom > hi) hi = bottom;
                    continue;
                }
            }
            starts[nlines++] = i;
            lo = top;
            hi = bottom;
        }
        for (Py_ssize_t k = 0; k < nlines; k++) {
            Py_ssize_t from = starts[k], to = k + 1 < nlines ? starts[k + 1] : n;
            sort_at(gs, at + from, to - from, 0, 0, keys, tmp);
        }
    }
    ls = PyMem_Calloc(nlines, sizeof(Line));
    if (ls == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < nlines; k++) {
        Py_ssize_t from = starts[k], to = k + 1 < nlines ? starts[k + 1] : n;
        groups = PyList_New(0);
        if (groups == NULL) goto done;
        Py_ssize_t nv = line_groups(gs, at + from, to - from, groups, visible);
        if (nv < 0) goto done;
        if (PyList_GET_SIZE(groups) == 0) {
            Py_CLEAR(groups);
            continue;
        }
        if (nlines == 1) {  /* most cells: one line, which needs no measuring */
            result = join_groups(groups);
            goto done;
        }
        Line *line = &ls[count];
        Py_ssize_t end = 1;
        while (end < nv) {
            int br = may_break_glyphs(&gs[visible[end - 1]], &gs[visible[end]]);
            if (br < 0) goto done;
            if (br) break;
            end++;
        }
        const Glyph *first = &gs[visible[0]], *last = &gs[visible[nv - 1]];
        line->need = gs[visible[end - 1]].x1 - first->x0;
        line->x0 = first->x0;
        line->x1 = last->x1;
        line->size = first->size;
        line->trailing_space = is_space(gs[at[to - 1]].text);
        line->glyphs = nv;
        line->first = PyUnicode_READ_CHAR(first->text, 0);
        line->last = PyUnicode_READ_CHAR(last->text, PyUnicode_GET_LENGTH(last->text) - 1);
        line->text = join_groups(groups);
        if (line->text == NULL) goto done;
        count++;
        Py_CLEAR(groups);
    }
    result = nlines == 1 ? Py_NewRef(Py_None) : cell_string(ls, count, b0, b2, wraps);
done:
    Py_XDECREF(groups);
    if (ls != NULL) {
        for (Py_ssize_t i = 0; i < count; i++) Py_XDECREF(ls[i].text);
        PyMem_Free(ls);
    }
    PyMem_Free(gs);
    PyMem_Free(at);
    PyMem_Free(keys);
    return result;
}

/* (text or None, wraps after a drawn space glyph) of one cell: layout.box_text */
static PyObject *box_text(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *chars;
    double b0, b1, b2, b3;
    if (!PyArg_ParseTuple(args, "O(dddd)", &chars, &b0, &b1, &b2, &b3)) return NULL;
    (void)b1;
    (void)b3;
    PyObject *seq = PySequence_Fast(chars, "chars must be a list");
    if (seq == NULL) return NULL;
    Py_ssize_t wraps = 0;
    PyObject *result = box_text_glyphs(seq, b0, b2, &wraps);
    if (result == NULL && !PyErr_Occurred()) {
        wraps = 0;
        result = box_text_lists(seq, b0, b2, &wraps);
    }
    Py_DECREF(seq);
    if (result == NULL) return NULL;
    return Py_BuildValue("(Nn)", result, wraps);
}

/* -- a page's glyph boxes, read once ----------------------------------------------------- */

/* What bucket and crowded_cells read of a glyph, taken from its dict once a page (the boxes do
 * not move once the page is turned upright; a blank glyph stays blank). */
typedef struct {
    double x0, x1, top, bottom, size;
    int blank;
} Box;

/* The boxes of a page's glyphs as bytes, or None where one does not read as a glyph (the
 * functions then read the dicts themselves, and raise as Python would). */
static PyObject *glyph_boxes(PyObject *Py_UNUSED(self), PyObject *chars) {
    if (!PyList_CheckExact(chars)) Py_RETURN_NONE;
    Py_ssize_t n = PyList_GET_SIZE(chars);
    PyObject *out = PyBytes_FromStringAndSize(NULL, (n ? n : 1) * (Py_ssize_t)sizeof(Box));
    if (out == NULL) return NULL;
    Box *boxes = (Box *)PyBytes_AS_STRING(out);
    PyObject *keys[6] = {K_TEXT, K_X0, K_X1, K_TOP, K_BOTTOM, K_SIZE}, *v[6];
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = PyList_GET_ITEM(chars, i), *text;
        Box *b = &boxes[i];
        if (!PyDict_CheckExact(ch) || fetch(ch, keys, v, 6) < 0 || (text = v[0]) == NULL ||
            !PyUnicode_CheckExact(text) || coordinate(v[1], K_X0, &b->x0) < 0 ||
            coordinate(v[2], K_X1, &b->x1) < 0 || coordinate(v[3], K_TOP, &b->top) < 0 ||
            coordinate(v[4], K_BOTTOM, &b->bottom) < 0 || size_value(v[5], &b->size) < 0) {
            PyErr_Clear();
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        b->blank = is_blank(text);
    }
    return out;
}

/* The boxes given with ``m`` glyphs: NULL for None, (Box *)-1 with an error set if they do
 * not fit. */
static const Box *boxes_of(PyObject *boxes, Py_ssize_t m) {
    if (boxes == NULL || boxes == Py_None) return NULL;
    if (!PyBytes_CheckExact(boxes) || PyBytes_GET_SIZE(boxes) != (m ? m : 1) * (Py_ssize_t)sizeof(Box)) {
        PyErr_SetString(PyExc_ValueError, "boxes must be glyph_boxes() of the same glyphs");
        return (const Box *)-1;
    }
    return (const Box *)PyBytes_AS_STRING(boxes);
}

/* -- frames ------------------------------------------------------------------------------- */

typedef struct {
    double *xs, *ys;
    Py_ssize_t nx, ny;
    long *owner;               /* owner[r * (nx - 1) + c] */
    Py_ssize_t spans;
    unsigned char *open_top, *open_bottom;  /* per merged cell */
    PyObject *cells;           /* list per merged cell (bucket only) */
} Grid;

static void grid_free(Grid *g) {
    PyMem_Free(g->xs);
    PyMem_Free(g->ys);
    PyMem_Free(g->owner);
    PyMem_Free(g->open_top);
    PyMem_Free(g->open_bottom);
    Py_XDECREF(g->cells);
}

static int floats(PyObject *frame, PyObject *name, double **out, Py_ssize_t *n) {
    PyObject *list = PyObject_GetAttr(frame, name);
    if (list == NULL) return -1;
    PyObject *seq = PySequence_Fast(list, "frame edges must be a list");
    Py_DECREF(list);
    if (seq == NULL) return -1;
    *n = PySequence_Fast_GET_SIZE(seq);
    *out = PyMem_Malloc((*n ? *n : 1) * sizeof(double));
    int rc = *out == NULL ? (PyErr_NoMemory(), -1) : 0;
    for (Py_ssize_t i = 0; rc == 0 && i < *n; i++)
        rc = number(PySequence_Fast_GET_ITEM(seq, i), &(*out)[i]);
    Py_DECREF(seq);
    return rc;
}

static int flags(PyObject *frame, PyObject *name, Py_ssize_t spans, unsigned char **out) {
    *out = PyMem_Calloc(spans ? spans : 1, 1);
    if (*out == NULL) return PyErr_NoMemory(), -1;
    PyObject *set = PyObject_GetAttr(frame, name);
    if (set == NULL) return -1;
    PyObject *it = PyObject_GetIter(set);
    Py_DECREF(set);
    if (it == NULL) return -1;
    PyObject *v;
    while ((v = PyIter_Next(it)) != NULL) {
        Py_ssize_t k = PyLong_AsSsize_t(v);
        Py_DECREF(v);
        if (k == -1 && PyErr_Occurred()) break;
        if (k >= 0 && k < spans) (*out)[k] = 1;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* The geometry of a lattice.Frame; ``with_cells`` makes its buckets. */
static int grid_of(PyObject *frame, Grid *g, int with_cells) {
    memset(g, 0, sizeof(*g));
    if (floats(frame, A_XS, &g->xs, &g->nx) < 0 || floats(frame, A_YS, &g->ys, &g->ny) < 0)
        return -1;
    if (g->nx < 2 || g->ny < 2) {
        PyErr_SetString(PyExc_ValueError, "a frame needs two edges each way");
        return -1;
    }
    PyObject *spans = PyObject_GetAttr(frame, A_SPANS);
    if (spans == NULL) return -1;
    g->spans = PyObject_Length(spans);
    Py_DECREF(spans);
    if (g->spans < 0) return -1;
    Py_ssize_t rows = g->ny - 1, cols = g->nx - 1;
    g->owner = PyMem_Malloc(rows * cols * sizeof(long));
    if (g->owner == NULL) return PyErr_NoMemory(), -1;
    PyObject *owner = PyObject_GetAttr(frame, A_OWNER);
    if (owner == NULL) return -1;
    int rc = 0;
    for (Py_ssize_t r = 0; rc == 0 && r < rows; r++) {
        PyObject *row = PySequence_GetItem(owner, r);
        if (row == NULL) {
            rc = -1;
            break;
        }
        for (Py_ssize_t c = 0; rc == 0 && c < cols; c++) {
            PyObject *v = PySequence_GetItem(row, c);
            if (v == NULL) {
                rc = -1;
                break;
            }
            long k = PyLong_AsLong(v);
            Py_DECREF(v);
            if (k == -1 && PyErr_Occurred()) rc = -1;
            else if (k < 0 || k >= g->spans) {
                PyErr_SetString(PyExc_IndexError, "a cell's owner lies outside the spans");
                rc = -1;
            }
            g->owner[r * cols + c] = k;
        }
        Py_DECREF(row);
    }
    Py_DECREF(owner);
    if (rc < 0) return -1;
    if (flags(frame, A_OPEN_TOP, g->spans, &g->open_top) < 0 ||
        flags(frame, A_OPEN_BOTTOM, g->spans, &g->open_bottom) < 0)
        return -1;
    if (with_cells) {
        g->cells = PyList_New(g->spans);
        if (g->cells == NULL) return -1;
        for (Py_ssize_t i = 0; i < g->spans; i++) {
            PyObject *cell = PyList_New(0);
            if (cell == NULL) return -1;
            PyList_SET_ITEM(g->cells, i, cell);
        }
    }
    return 0;
}

static Py_ssize_t bisect_right(const double *a, Py_ssize_t n, double x) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (x < a[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* lattice.Frame.cell_at (a negative index counts from the end, as Python's does) */
static long cell_at(const Grid *g, double x, double y, Py_ssize_t *row) {
    Py_ssize_t cols = g->nx - 1, rows = g->ny - 1;
    Py_ssize_t c = bisect_right(g->xs, g->nx, x) - 1;
    if (c > g->nx - 2) c = g->nx - 2;
    Py_ssize_t r = bisect_right(g->ys, g->ny, y) - 1;
    if (r > g->ny - 2) r = g->ny - 2;
    if (c < 0) c += cols;
    if (r < 0) r += rows;
    if (row != NULL) *row = r;
    return g->owner[r * cols + c];
}

static int inside(const Grid *g, double x, double y) {
    return g->xs[0] <= x && x <= g->xs[g->nx - 1] && g->ys[0] <= y && y <= g->ys[g->ny - 1];
}

/* lattice._overflow: 1 if put into an open cell, 0 if none, -1 on error */
static int overflow(Grid *grids, Py_ssize_t n, PyObject *ch, double cx, double top, double bottom) {
    for (Py_ssize_t f = 0; f < n; f++) {
        Grid *g = &grids[f];
        double gx0 = g->xs[0], gx1 = g->xs[g->nx - 1], gtop = g->ys[0], gbottom = g->ys[g->ny - 1];
        if (!(gx0 <= cx && cx <= gx1)) continue;
        if (top < gbottom && gbottom < bottom) {
            long index = cell_at(g, cx, gbottom - 0.1, NULL);
            if (g->open_bottom[index])
                return PyList_Append(PyList_GET_ITEM(g->cells, index), ch) < 0 ? -1 : 1;
        }
        if (top < gtop && gtop < bottom) {
            long index = cell_at(g, cx, gtop + 0.1, NULL);
            if (g->open_top[index])
                return PyList_Append(PyList_GET_ITEM(g->cells, index), ch) < 0 ? -1 : 1;
        }
    }
    return 0;
}

static int centre(PyObject *ch, double *cx, double *cy, double *top, double *bottom) {
    double x0, x1;
    if (get(ch, K_X0, &x0) < 0 || get(ch, K_X1, &x1) < 0 || get(ch, K_TOP, top) < 0 ||
        get(ch, K_BOTTOM, bottom) < 0)
        return -1;
    *cx = (x0 + x1) / 2;
    *cy = (*top + *bottom) / 2;
    return 0;
}

/* lattice.bucket_glyphs */
static PyObject *bucket(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *frames, *chars, *given = NULL;
    if (!PyArg_ParseTuple(args, "OO|O", &frames, &chars, &given)) return NULL;
    PyObject *fs = PySequence_Fast(frames, "frames must be a list");
    if (fs == NULL) return NULL;
    PyObject *cs = PySequence_Fast(chars, "chars must be a list");
    if (cs == NULL) {
        Py_DECREF(fs);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fs), made = 0;
    PyObject *result = NULL, *loose = NULL, *buckets = NULL;
    Grid *grids = PyMem_Calloc(n ? n : 1, sizeof(Grid));
    if (grids == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (; made < n; made++)
        if (grid_of(PySequence_Fast_GET_ITEM(fs, made), &grids[made], 1) < 0) {
            made++;
            goto done;
        }
    loose = PyList_New(0);
    if (loose == NULL) goto done;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(cs);
    PyObject **items = PySequence_Fast_ITEMS(cs);
    const Box *boxes = boxes_of(given, m);
    if (boxes == (const Box *)-1) goto done;
    for (Py_ssize_t i = 0; i < m; i++) {
        PyObject *ch = items[i];
        double cx, cy, top, bottom;
        if (boxes != NULL) {
            const Box *b = &boxes[i];
            cx = (b->x0 + b->x1) / 2;
            top = b->top;
            bottom = b->bottom;
            cy = (top + bottom) / 2;
        } else if (centre(ch, &cx, &cy, &top, &bottom) < 0)
            goto done;
        Py_ssize_t f = 0;
        for (; f < n; f++)
            if (inside(&grids[f], cx, cy)) {
                long index = cell_at(&grids[f], cx, cy, NULL);
                if (PyList_Append(PyList_GET_ITEM(grids[f].cells, index), ch) < 0) goto done;
                break;
            }
        if (f < n) continue;
        int put = overflow(grids, n, ch, cx, top, bottom);
        if (put < 0 || (put == 0 && PyList_Append(loose, ch) < 0)) goto done;
    }
    buckets = PyList_New(n);
    if (buckets == NULL) goto done;
    for (Py_ssize_t f = 0; f < n; f++) PyList_SET_ITEM(buckets, f, Py_NewRef(grids[f].cells));
    result = PyTuple_Pack(2, buckets, loose);
done:
    for (Py_ssize_t f = 0; f < made; f++) grid_free(&grids[f]);
    PyMem_Free(grids);
    Py_XDECREF(buckets);
    Py_XDECREF(loose);
    Py_DECREF(cs);
    Py_DECREF(fs);
    return result;
}

/* A printing glyph located in a frame, with what open_grid._wide_gap reads of it. */
typedef struct {
    PyObject *ch;
    double x0, x1, size;
    Py_ssize_t slot;  /* its (merged cell, elementary row), numbered by first occurrence */
} Spot;

/* open_grid._wide_gap over one cell's glyphs in x0 order: is there an x stretch ``free_gap``
 * ems wide no glyph covers? */
static int wide_gap(Spot **cell, Py_ssize_t n, double free_gap) {
    double reach = cell[0]->x1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (cell[i]->x0 - reach >= free_gap * cell[i]->size) return 1;
        if (cell[i]->x1 > reach) reach = cell[i]->x1;
    }
    return 0;
}

/* open_grid._gapped_cells: the printing glyphs of each (merged cell, elementary row) of the
 * frame, in the order the cells first occur, each sorted by x0; only those of two glyphs or
 * more with a gap ``free_gap`` ems wide no glyph covers. */
static PyObject *crowded_cells(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *frame, *chars, *given = NULL;
    double free_gap;
    if (!PyArg_ParseTuple(args, "OOd|O", &frame, &chars, &free_gap, &given)) return NULL;
    PyObject *cs = PySequence_Fast(chars, "chars must be a list");
    if (cs == NULL) return NULL;
    Grid g;
    PyObject *out = NULL;
    Py_ssize_t *slot = NULL, *count = NULL, *start = NULL, found = 0, located = 0;
    Spot *spots = NULL, **order = NULL;
    Key *keys = NULL;
    if (grid_of(frame, &g, 0) < 0) goto done;
    Py_ssize_t rows = g.ny - 1, cells = g.spans * rows;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(cs);
    PyObject **items = PySequence_Fast_ITEMS(cs);
    slot = PyMem_Malloc((cells ? cells : 1) * sizeof(Py_ssize_t));
    count = PyMem_Calloc(m + 1, sizeof(Py_ssize_t));
    start = PyMem_Malloc((m + 1) * sizeof(Py_ssize_t));
    spots = PyMem_Malloc((m ? m : 1) * sizeof(Spot));
    order = PyMem_Malloc((m ? m : 1) * sizeof(Spot *));
    keys = PyMem_Malloc((m ? 2 * m : 1) * sizeof(Key));
    if (!slot || !count || !start || !spots || !order || !keys) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < cells; k++) slot[k] = -1;
    const Box *boxes = boxes_of(given, m);
    if (boxes == (const Box *)-1) goto done;
    for (Py_ssize_t i = 0; i < m; i++) {
        PyObject *ch = items[i];
        Spot *s = &spots[located];
        double top, bottom;
        if (boxes != NULL) {
            const Box *b = &boxes[i];
            if (b->blank) continue;
            s->x0 = b->x0;
            s->x1 = b->x1;
            top = b->top;
            bottom = b->bottom;
        } else {
            PyObject *text = text_of(ch);
            if (text == NULL) goto done;
            if (is_blank(text)) continue;
            if (get(ch, K_X0, &s->x0) < 0 || get(ch, K_X1, &s->x1) < 0 ||
                get(ch, K_TOP, &top) < 0 || get(ch, K_BOTTOM, &bottom) < 0)
                goto done;
        }
        double cx = (s->x0 + s->x1) / 2, cy = (top + bottom) / 2;
        if (!inside(&g, cx, cy)) continue;
        if (boxes != NULL) s->size = boxes[i].size;
        else if (size_of(ch, &s->size) < 0) goto done;
        Py_ssize_t r;
        Py_ssize_t k = cell_at(&g, cx, cy, &r) * rows + r;
        if (slot[k] < 0) slot[k] = found++;
        s->ch = ch;
        s->slot = slot[k];
        count[s->slot]++;
        located++;
    }
    /* the glyphs of each cell together, in their order (a counting sort by cell) */
    for (Py_ssize_t c = 0, at = 0; c < found; c++) {
        start[c] = at;
        at += count[c];
    }
    for (Py_ssize_t i = 0; i < located; i++) order[start[spots[i].slot]++] = &spots[i];
    out = PyList_New(0);
    if (out == NULL) goto done;
    for (Py_ssize_t c = 0, at = 0; c < found; at += count[c], c++) {
        Py_ssize_t n = count[c];
        if (n < 2) continue;
        Spot **cell = order + at;
        for (Py_ssize_t i = 0; i < n; i++) {  /* no NaN: a NaN x0 puts the centre nowhere */
            keys[i].a = cell[i]->x0;
            keys[i].b = 0.0;
            keys[i].i = i;
        }
        sort_keys(keys, keys + n, n, 0);
        Spot *tmp[64], **moved = n <= 64 ? tmp : PyMem_Malloc(n * sizeof(Spot *));
        if (moved == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        for (Py_ssize_t i = 0; i < n; i++) moved[i] = cell[keys[i].i];
        memcpy(cell, moved, n * sizeof(Spot *));
        if (moved != tmp) PyMem_Free(moved);
        if (!wide_gap(cell, n, free_gap)) continue;
        PyObject *glyphs = PyList_New(n);
        if (glyphs == NULL) goto fail;
        for (Py_ssize_t i = 0; i < n; i++) PyList_SET_ITEM(glyphs, i, Py_NewRef(cell[i]->ch));
        int rc = PyList_Append(out, glyphs);
        Py_DECREF(glyphs);
        if (rc < 0) goto fail;
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    grid_free(&g);
    PyMem_Free(slot);
    PyMem_Free(count);
    PyMem_Free(start);
    PyMem_Free(spots);
    PyMem_Free(order);
    PyMem_Free(keys);
    Py_DECREF(cs);
    return out;
}

/* -- the module's other entry points ----------------------------------------------------- */

static PyObject *printed_lines(PyObject *Py_UNUSED(self), PyObject *chars) {
    return printed_lines_of(chars);
}

static PyObject *line_items(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *line, *split = Py_None;
    if (!PyArg_ParseTuple(args, "O!|O", &PyList_Type, &line, &split)) return NULL;
    double s = -1.0;
    if (split != Py_None) {
        if (number(split, &s) < 0) return NULL;
        if (!(s >= 0)) {
            PyErr_SetString(PyExc_ValueError, "split must be a number of ems, 0 or more");
            return NULL;
        }
    }
    return items_of(line, s);
}

/* layout.loose_lines */
static PyObject *loose_lines(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *chars;
    double split;
    if (!PyArg_ParseTuple(args, "Od", &chars, &split)) return NULL;
    PyObject *lines = printed_lines_of(chars);
    if (lines == NULL) return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) goto fail;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *items = items_of(PyList_GET_ITEM(lines, i), split);
        if (items == NULL) goto fail;
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(items); j++) {
            PyObject *it = PyList_GET_ITEM(items, j);
            PyObject *part = PyTuple_GET_ITEM(it, 1);
            /* min / max of each coordinate, the first of equals, as Python's min and max */
            PyObject *keys[4] = {K_X0, K_TOP, K_X1, K_BOTTOM}, *best[4];
            double at[4];
            int bad = 0;
            for (int k = 0; k < 4 && !bad; k++) {
                for (Py_ssize_t q = 0; q < PyList_GET_SIZE(part); q++) {
                    PyObject *v = item(PyList_GET_ITEM(part, q), keys[k]);
                    double d;
                    if (v == NULL || number(v, &d) < 0) {
                        bad = 1;
                        break;
                    }
                    if (q == 0 || (k < 2 ? d < at[k] : d > at[k])) {
                        at[k] = d;
                        best[k] = v;
                    }
                }
            }
            PyObject *text = bad ? NULL : join_groups(PyTuple_GET_ITEM(it, 0));
            PyObject *entry = text ? Py_BuildValue("(N(OOOO))", text, best[0], best[1], best[2], best[3])
                                   : NULL;
            if (entry == NULL || PyList_Append(out, entry) < 0) {
                Py_XDECREF(entry);
                Py_DECREF(items);
                goto fail;
            }
            Py_DECREF(entry);
        }
        Py_DECREF(items);
    }
    Py_DECREF(lines);
    return out;
fail:
    Py_XDECREF(out);
    Py_DECREF(lines);
    return NULL;
}

/* -- a frame's merged cells ------------------------------------------------------------- */

/* The (lo, hi) extents of a list of rulings.Segment, into ``out`` (2 per segment). */
static Py_ssize_t extents(PyObject *segments, double **out) {
    PyObject *seq = PySequence_Fast(segments, "segments must be a list");
    if (seq == NULL) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    *out = PyMem_Realloc(*out, (n ? 2 * n : 1) * sizeof(double));
    if (*out == NULL) {
        Py_DECREF(seq);
        return PyErr_NoMemory(), -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *seg = PySequence_Fast_GET_ITEM(seq, i);
        PyObject *lo = PyObject_GetAttr(seg, A_LO), *hi = lo ? PyObject_GetAttr(seg, A_HI) : NULL;
        int bad = hi == NULL || number(lo, &(*out)[2 * i]) < 0 || number(hi, &(*out)[2 * i + 1]) < 0;
        Py_XDECREF(lo);
        Py_XDECREF(hi);
        if (bad) {
            Py_DECREF(seq);
            return -1;
        }
    }
    Py_DECREF(seq);
    return n;
}

/* lattice._covers: does a segment cover the middle of the edge (lo, hi)? */
static int covers(const double *segs, Py_ssize_t n, double lo, double hi, double cover) {
    double mid = (lo + hi) / 2, half = (hi - lo) * cover;
    double start = mid - half, end = mid + half;
    for (Py_ssize_t i = 0; i < n; i++)
        if (segs[2 * i] <= start && segs[2 * i + 1] >= end) return 1;
    return 0;
}

static Py_ssize_t find(Py_ssize_t *parent, Py_ssize_t i) {  /* merge.merge_cells' find */
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void unite(Py_ssize_t *parent, Py_ssize_t i, Py_ssize_t j) {
    Py_ssize_t a = find(parent, i), b = find(parent, j);
    if (a != b) parent[a > b ? a : b] = a < b ? a : b;
}

/* lattice.build_frame's merged cells: merge.merge_cells over the joins of neighbouring
 * elementary cells no rule separates. (owner, spans), as merge_cells gives them. */
static PyObject *frame_cells(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *on_x, *on_y, *xs_obj, *ys_obj;
    double cover;
    if (!PyArg_ParseTuple(args, "O!O!O!O!d", &PyList_Type, &on_x, &PyList_Type, &on_y, &PyList_Type,
                          &xs_obj, &PyList_Type, &ys_obj, &cover))
        return NULL;
    Py_ssize_t nx = PyList_GET_SIZE(xs_obj), ny = PyList_GET_SIZE(ys_obj);
    if (nx < 2 || ny < 2 || PyList_GET_SIZE(on_x) < nx || PyList_GET_SIZE(on_y) < ny) {
        PyErr_SetString(PyExc_ValueError, "two edges each way and a list of segments per edge");
        return NULL;
    }
    Py_ssize_t rows = ny - 1, cols = nx - 1, cells = rows * cols;
    double *xs = PyMem_Malloc((nx + ny) * sizeof(double)), *ys = xs ? xs + nx : NULL, *segs = NULL;
    Py_ssize_t *parent = PyMem_Malloc(3 * cells * sizeof(Py_ssize_t)), *index = parent + cells;
    Py_ssize_t *extent = NULL;  /* top row, left col, bottom row, right col per merged cell */
    PyObject *owner = NULL, *spans = NULL, *result = NULL;
    if (xs == NULL || parent == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < nx; i++)
        if (number(PyList_GET_ITEM(xs_obj, i), &xs[i]) < 0) goto done;
    for (Py_ssize_t i = 0; i < ny; i++)
        if (number(PyList_GET_ITEM(ys_obj, i), &ys[i]) < 0) goto done;
    for (Py_ssize_t i = 0; i < cells; i++) parent[i] = i;
    for (Py_ssize_t c = 1; c < cols; c++) {  /* no vertical rule between column c-1 and c */
        Py_ssize_t n = extents(PyList_GET_ITEM(on_x, c), &segs);
        if (n < 0) goto done;
        for (Py_ssize_t r = 0; r < rows; r++)
            if (!covers(segs, n, ys[r], ys[r + 1], cover))
                unite(parent, r * cols + c - 1, r * cols + c);
    }
    for (Py_ssize_t r = 1; r < rows; r++) {  /* no horizontal rule between row r-1 and r */
        Py_ssize_t n = extents(PyList_GET_ITEM(on_y, r), &segs);
        if (n < 0) goto done;
        for (Py_ssize_t c = 0; c < cols; c++)
            if (!covers(segs, n, xs[c], xs[c + 1], cover))
                unite(parent, (r - 1) * cols + c, r * cols + c);
    }
    /* a merged cell's root is its first elementary cell in row-major order: number them so */
    Py_ssize_t merged = 0;
    for (Py_ssize_t i = 0; i < cells; i++) {
        Py_ssize_t root = find(parent, i);
        index[i] = root == i ? merged++ : index[root];
    }
    extent = PyMem_Malloc((merged ? 4 * merged : 1) * sizeof(Py_ssize_t));
    if (extent == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < cells; i++) {
        Py_ssize_t r = i / cols, c = i % cols, *e = extent + 4 * index[i];
        if (find(parent, i) == i) {
            e[0] = e[2] = r;
            e[1] = e[3] = c;
            continue;
        }
        if (c < e[1]) e[1] = c;
        else if (c > e[3]) e[3] = c;
        e[2] = r;
    }
    spans = PyList_New(merged);
    owner = PyList_New(rows);
    if (spans == NULL || owner == NULL) goto done;
    for (Py_ssize_t k = 0; k < merged; k++) {
        Py_ssize_t *e = extent + 4 * k;
        PyObject *span = Py_BuildValue("(nnnn)", e[0], e[1], e[2] - e[0] + 1, e[3] - e[1] + 1);
        if (span == NULL) goto done;
        PyList_SET_ITEM(spans, k, span);
    }
    for (Py_ssize_t r = 0; r < rows; r++) {
        PyObject *row = PyList_New(cols);
        if (row == NULL) goto done;
        PyList_SET_ITEM(owner, r, row);
        for (Py_ssize_t c = 0; c < cols; c++) {
            PyObject *k = PyLong_FromSsize_t(index[r * cols + c]);
            if (k == NULL) goto done;
            PyList_SET_ITEM(row, c, k);
        }
    }
    result = PyTuple_Pack(2, owner, spans);
done:
    Py_XDECREF(owner);
    Py_XDECREF(spans);
    PyMem_Free(xs);
    PyMem_Free(segs);
    PyMem_Free(parent);
    PyMem_Free(extent);
    return result;
}

/* -- ruling lines: rulings.segments_from_objects, merge and connected_groups' touching -------
 * These take only what the engines give (dicts of exact floats, bools, lists of point tuples);
 * anything else, or a NaN where Python's sort would order it by its own algorithm, returns
 * None and the caller runs the Python route. */

typedef struct { double pos, lo, hi; } Seg;
typedef struct { Seg *at; Py_ssize_t n, cap; } Segs;

static int push(Segs *s, double pos, double lo, double hi) {
    if (s->n == s->cap) {
        Py_ssize_t cap = s->cap ? 2 * s->cap : 64;
        Seg *at = PyMem_Realloc(s->at, cap * sizeof(Seg));
        if (at == NULL) return PyErr_NoMemory(), -1;
        s->at = at;
        s->cap = cap;
    }
    s->at[s->n++] = (Seg){pos, lo, hi};
    return 0;
}

/* An exact float: 1 read, 0 anything else (the Python route). */
static int exact(PyObject *value, double *out) {
    if (value == NULL || !PyFloat_CheckExact(value)) return 0;
    *out = PyFloat_AS_DOUBLE(value);
    return 1;
}

/* obj's x0, top, x1, bottom: 1 read, 0 not a dict of exact floats, -1 error */
static int corners(PyObject *obj, double *x0, double *top, double *x1, double *bottom) {
    if (!PyDict_CheckExact(obj)) return 0;
    PyObject *a = PyDict_GetItemWithError(obj, K_X0), *b = a ? PyDict_GetItemWithError(obj, K_TOP) : NULL;
    PyObject *c = b ? PyDict_GetItemWithError(obj, K_X1) : NULL;
    PyObject *d = c ? PyDict_GetItemWithError(obj, K_BOTTOM) : NULL;
    if (d == NULL) return PyErr_Occurred() ? -1 : 0;
    return exact(a, x0) && exact(b, top) && exact(c, x1) && exact(d, bottom);
}

/* rulings._add_line */
static int add_line(Segs *h, Segs *v, double x0, double top, double x1, double bottom) {
    if (bottom - top <= 1.0 && x1 - x0 > 1.0) return push(h, (top + bottom) / 2, x0, x1);
    if (x1 - x0 <= 1.0 && bottom - top > 1.0) return push(v, (x0 + x1) / 2, top, bottom);
    return 0;
}

/* A point (x, y) of a curve's pts: 1 read, 0 not a pair of exact floats */
static int point(PyObject *p, double *x, double *y) {
    if (!(PyTuple_CheckExact(p) || PyList_CheckExact(p)) || PySequence_Fast_GET_SIZE(p) != 2)
        return 0;
    return exact(PySequence_Fast_GET_ITEM(p, 0), x) && exact(PySequence_Fast_GET_ITEM(p, 1), y);
}

/* The raw segments of the page's objects: 1 done, 0 the Python route, -1 error. */
static int raw_segments(PyObject *lines, PyObject *rects, PyObject *curves, double thin, Segs *h,
                        Segs *v) {
    double x0, top, x1, bottom;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        int got = corners(PyList_GET_ITEM(lines, i), &x0, &top, &x1, &bottom);
        if (got <= 0) return got;
        if (add_line(h, v, x0, top, x1, bottom) < 0) return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(rects); i++) {
        PyObject *obj = PyList_GET_ITEM(rects, i);
        int got = corners(obj, &x0, &top, &x1, &bottom);
        if (got <= 0) return got;
        double w = x1 - x0, ht = bottom - top;
        int rc = 0;
        if (ht <= thin && w > ht) rc = push(h, (top + bottom) / 2, x0, x1);
        else if (w <= thin && ht > w) rc = push(v, (x0 + x1) / 2, top, bottom);
        else {
            PyObject *stroke = PyDict_GetItemWithError(obj, K_STROKE);
            if (stroke == NULL && PyErr_Occurred()) return -1;
            if (stroke != NULL && !PyBool_Check(stroke)) return 0;
            if (stroke == Py_True)
                rc = (push(h, top, x0, x1) < 0 || push(h, bottom, x0, x1) < 0 ||
                      push(v, x0, top, bottom) < 0 || push(v, x1, top, bottom) < 0) ? -1 : 0;
        }
        if (rc < 0) return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(curves); i++) {
        PyObject *obj = PyList_GET_ITEM(curves, i);
        if (!PyDict_CheckExact(obj)) return 0;
        PyObject *pts = PyDict_GetItemWithError(obj, K_PTS);
        if (pts == NULL && PyErr_Occurred()) return -1;
        if (pts == NULL || pts == Py_None) continue;  /* ``obj.get("pts") or []`` */
        if (!PyList_CheckExact(pts)) return 0;
        double ax = 0.0, ay = 0.0, bx, by;
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(pts); k++) {
            if (!point(PyList_GET_ITEM(pts, k), &bx, &by)) return 0;
            if (k > 0 && add_line(h, v, bx < ax ? bx : ax, by < ay ? by : ay, bx > ax ? bx : ax,
                                  by > ay ? by : ay) < 0)
                return -1;
            ax = bx;
            ay = by;
        }
    }
    return 1;
}

/* An instance of a dataclass from the values of its ``__init__``: where ``fields`` names them
 * (layout.plain_fields: an __init__ of dataclasses' own that only stores its arguments) the
 * instance is filled field by field without running it, else the class is called. */
static PyObject *make(PyObject *type, PyObject *fields, PyObject *const *values, Py_ssize_t n) {
    if (fields == Py_None) return PyObject_Vectorcall(type, values, n, NULL);
    PyTypeObject *cls = (PyTypeObject *)type;
    PyObject *obj = cls->tp_alloc(cls, 0);
    if (obj == NULL) return NULL;
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyObject_SetAttr(obj, PyTuple_GET_ITEM(fields, k), values[k]) < 0) {
            Py_DECREF(obj);
            return NULL;
        }
    return obj;
}

/* Are ``type`` and ``fields`` what make() takes for n values? (TypeError if not) */
static int makes(PyObject *type, PyObject *fields, Py_ssize_t n) {
    if (fields == Py_None) return 1;
    if (!PyType_Check(type) || !PyTuple_CheckExact(fields) || PyTuple_GET_SIZE(fields) != n) {
        PyErr_SetString(PyExc_TypeError, "fields must be None or a tuple naming each value");
        return 0;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(fields, k))) {
            PyErr_SetString(PyExc_TypeError, "a field name is a str");
            return 0;
        }
    return 1;
}

static PyObject *new_segment(PyObject *type, PyObject *fields, double pos, double lo, double hi) {
    PyObject *args[3] = {PyFloat_FromDouble(pos), PyFloat_FromDouble(lo), PyFloat_FromDouble(hi)};
    PyObject *seg = args[0] && args[1] && args[2] ? make(type, fields, args, 3) : NULL;
    for (int k = 0; k < 3; k++) Py_XDECREF(args[k]);
    return seg;
}

/* rulings.merge over raw segments (none NaN) into a new list of ``type`` */
static PyObject *merged(Segs *s, PyObject *type, PyObject *fields, double snap, double join) {
    Py_ssize_t n = s->n;
    PyObject *out = PyList_New(0);
    Key *keys = PyMem_Malloc((n ? 2 * n : 1) * sizeof(Key));
    Seg *sorted = PyMem_Malloc((n ? n : 1) * sizeof(Seg));
    if (out == NULL || keys == NULL || sorted == NULL) {
        if (out != NULL) PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) keys[i] = (Key){s->at[i].pos, 0.0, i};
    sort_keys(keys, keys + n, n, 0);
    for (Py_ssize_t i = 0; i < n; i++) sorted[i] = s->at[keys[i].i];
    for (Py_ssize_t from = 0, to; from < n; from = to) {
        double sum = 0.0;  /* Python's sum of floats: left to right from 0 */
        for (to = from; to < n && (to == from || sorted[to].pos - sorted[to - 1].pos <= snap); to++)
            sum += sorted[to].pos;
        double pos = sum / (double)(to - from);
        Py_ssize_t m = to - from;
        for (Py_ssize_t i = 0; i < m; i++) keys[i] = (Key){sorted[from + i].lo, 0.0, from + i};
        sort_keys(keys, keys + m, m, 0);
        double lo = sorted[keys[0].i].lo, hi = sorted[keys[0].i].hi;
        for (Py_ssize_t i = 1; i <= m; i++) {
            const Seg *seg = i < m ? &sorted[keys[i].i] : NULL;
            if (seg != NULL && seg->lo <= hi + join) {
                if (seg->hi > hi) hi = seg->hi;
                continue;
            }
            PyObject *made = new_segment(type, fields, pos, lo, hi);
            if (made == NULL || PyList_Append(out, made) < 0) {
                Py_XDECREF(made);
                goto fail;
            }
            Py_DECREF(made);
            if (seg != NULL) {
                lo = seg->lo;
                hi = seg->hi;
            }
        }
    }
    PyMem_Free(keys);
    PyMem_Free(sorted);
    return out;
fail:
    Py_XDECREF(out);
    PyMem_Free(keys);
    PyMem_Free(sorted);
    return NULL;
}

static int has_nan(const Segs *s) {
    for (Py_ssize_t i = 0; i < s->n; i++)
        if (isnan(s->at[i].pos) || isnan(s->at[i].lo)) return 1;
    return 0;
}

/* rulings.segments_from_objects: (horiz, vert) merged, or None for the Python route */
static PyObject *segments(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *lines, *rects, *curves, *type, *fields;
    double thin, snap, join;
    if (!PyArg_ParseTuple(args, "O!O!O!OOddd", &PyList_Type, &lines, &PyList_Type, &rects,
                          &PyList_Type, &curves, &type, &fields, &thin, &snap, &join) ||
        !makes(type, fields, 3))
        return NULL;
    Segs h = {NULL, 0, 0}, v = {NULL, 0, 0};
    PyObject *result = NULL, *mh = NULL, *mv = NULL;
    int got = raw_segments(lines, rects, curves, thin, &h, &v);
    if (got < 0) goto done;
    if (got == 0 || has_nan(&h) || has_nan(&v)) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    mh = merged(&h, type, fields, snap, join);
    mv = mh ? merged(&v, type, fields, snap, join) : NULL;
    if (mv != NULL) result = PyTuple_Pack(2, mh, mv);
done:
    Py_XDECREF(mh);
    Py_XDECREF(mv);
    PyMem_Free(h.at);
    PyMem_Free(v.at);
    return result;
}

/* The (pos, lo, hi) of a list of rulings.Segment: 1 read, 0 not all exact floats, -1 error */
static int seg_values(PyObject *list, Seg *out) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *seg = PyList_GET_ITEM(list, i), *names[3] = {A_POS, A_LO, A_HI};
        double *slots[3] = {&out[i].pos, &out[i].lo, &out[i].hi};
        for (int k = 0; k < 3; k++) {
            PyObject *value = PyObject_GetAttr(seg, names[k]);
            if (value == NULL) return -1;
            int ok = exact(value, slots[k]);
            Py_DECREF(value);
            if (!ok) return 0;
        }
    }
    return 1;
}


/* rulings.connected_groups' first part: (groups of touching rules as (horiz, vert) lists in
 * the order their first horizontal rule comes, vertical rules touching none), or None for
 * the Python route. */
static PyObject *touching(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *horiz, *vert;
    double tol;
    if (!PyArg_ParseTuple(args, "O!O!d", &PyList_Type, &horiz, &PyList_Type, &vert, &tol))
        return NULL;
    Py_ssize_t nh = PyList_GET_SIZE(horiz), nv = PyList_GET_SIZE(vert), all = nh + nv;
    Seg *segs = PyMem_Malloc((all ? all : 1) * sizeof(Seg));
    Py_ssize_t *parent = PyMem_Malloc((all ? 2 * all : 1) * sizeof(Py_ssize_t)), *group = parent + all;
    unsigned char *touches = PyMem_Calloc(nv ? nv : 1, 1);
    PyObject *result = NULL, *groups = NULL, *bare = NULL;
    if (segs == NULL || parent == NULL || touches == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int got = seg_values(horiz, segs);
    if (got > 0) got = seg_values(vert, segs + nh);
    if (got <= 0) {
        if (got == 0) result = Py_NewRef(Py_None);
        goto done;
    }
    for (Py_ssize_t i = 0; i < all; i++) {
        parent[i] = i;
        group[i] = -1;
    }
    for (Py_ssize_t j = 0; j < nv; j++) {
        const Seg *v = &segs[nh + j];
        for (Py_ssize_t i = 0; i < nh; i++) {
            const Seg *h = &segs[i];
            if (h->lo - tol <= v->pos && v->pos <= h->hi + tol && v->lo - tol <= h->pos &&
                h->pos <= v->hi + tol) {
                touches[j] = 1;
                Py_ssize_t a = find(parent, i), b = find(parent, nh + j);
                if (a != b) parent[a] = b;
            }
        }
    }
    groups = PyList_New(0);
    bare = PyList_New(0);
    if (groups == NULL || bare == NULL) goto done;
    for (Py_ssize_t k = 0; k < all; k++) {
        Py_ssize_t j = k - nh;
        PyObject *seg = k < nh ? PyList_GET_ITEM(horiz, k) : PyList_GET_ITEM(vert, j);
        if (k >= nh && !touches[j]) {
            if (PyList_Append(bare, seg) < 0) goto done;
            continue;
        }
        Py_ssize_t root = find(parent, k);
        if (group[root] < 0) {  /* ``groups.setdefault(root, ([], []))`` */
            PyObject *pair = Py_BuildValue("([][])");
            if (pair == NULL || PyList_Append(groups, pair) < 0) {
                Py_XDECREF(pair);
                goto done;
            }
            Py_DECREF(pair);
            group[root] = PyList_GET_SIZE(groups) - 1;
        }
        PyObject *pair = PyList_GET_ITEM(groups, group[root]);
        if (PyList_Append(PyTuple_GET_ITEM(pair, k < nh ? 0 : 1), seg) < 0) goto done;
    }
    result = PyTuple_Pack(2, groups, bare);
done:
    Py_XDECREF(groups);
    Py_XDECREF(bare);
    PyMem_Free(segs);
    PyMem_Free(parent);
    PyMem_Free(touches);
    return result;
}

/* -- a frame's cells (plumber_engine.page_layout's loop over frame.spans) ------------------ */

/* plumber_engine._ink: the box of a cell's glyphs, the first of equals as min and max give */
static PyObject *ink(PyObject *chars) {
    PyObject *keys[4] = {K_X0, K_TOP, K_X1, K_BOTTOM}, *best[4] = {NULL, NULL, NULL, NULL};
    double at[4] = {0.0, 0.0, 0.0, 0.0};
    for (int k = 0; k < 4; k++)
        for (Py_ssize_t q = 0; q < PyList_GET_SIZE(chars); q++) {
            PyObject *v = item(PyList_GET_ITEM(chars, q), keys[k]);
            double d;
            if (v == NULL || number(v, &d) < 0) return NULL;
            if (q == 0 || (k < 2 ? d < at[k] : d > at[k])) {
                at[k] = d;
                best[k] = v;
            }
        }
    return PyTuple_Pack(4, best[0], best[1], best[2], best[3]);
}

/* A span's four ints, each an index the edges hold: 1, or 0 for the Python route */
static int span_of(PyObject *span, Py_ssize_t nx, Py_ssize_t ny, Py_ssize_t *v) {
    if (!PyTuple_CheckExact(span) || PyTuple_GET_SIZE(span) != 4) return 0;
    for (int k = 0; k < 4; k++) {
        PyObject *n = PyTuple_GET_ITEM(span, k);
        if (!PyLong_CheckExact(n)) return 0;
        v[k] = PyLong_AsSsize_t(n);
        if (v[k] == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return 0;
        }
        if (v[k] < 0) return 0;
    }
    return v[1] + v[3] < nx && v[0] + v[2] < ny;
}

/* The GridCells of one frame from its buckets, and the wraps after a drawn space: page_layout's
 * loop, or None for the Python route (edges or spans of an unusual kind). */
static PyObject *grid_cells(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *frame, *cells, *type, *fields;
    if (!PyArg_ParseTuple(args, "OO!OO", &frame, &PyList_Type, &cells, &type, &fields) ||
        !makes(type, fields, 9))
        return NULL;
    PyObject *xs = PyObject_GetAttr(frame, A_XS), *ys = xs ? PyObject_GetAttr(frame, A_YS) : NULL;
    PyObject *spans = ys ? PyObject_GetAttr(frame, A_SPANS) : NULL;
    PyObject *tops = spans ? PyObject_GetAttr(frame, A_OPEN_TOP) : NULL;
    PyObject *bottoms = tops ? PyObject_GetAttr(frame, A_OPEN_BOTTOM) : NULL;
    PyObject *out = NULL, *result = NULL;
    Py_ssize_t wraps = 0;
    if (bottoms == NULL) goto done;
    if (!PyList_CheckExact(xs) || !PyList_CheckExact(ys) || !PyList_CheckExact(spans) ||
        !PyAnySet_Check(tops) || !PyAnySet_Check(bottoms) ||
        PyList_GET_SIZE(spans) != PyList_GET_SIZE(cells)) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    Py_ssize_t n = PyList_GET_SIZE(spans), nx = PyList_GET_SIZE(xs), ny = PyList_GET_SIZE(ys);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t v[4];
        double d;
        if (!span_of(PyList_GET_ITEM(spans, i), nx, ny, v) ||
            !exact(PyList_GET_ITEM(xs, v[1]), &d) || !exact(PyList_GET_ITEM(ys, v[0]), &d) ||
            !exact(PyList_GET_ITEM(xs, v[1] + v[3]), &d) ||
            !exact(PyList_GET_ITEM(ys, v[0] + v[2]), &d) || !PyList_CheckExact(PyList_GET_ITEM(cells, i))) {
            result = Py_NewRef(Py_None);
            goto done;
        }
    }
    out = PyList_New(n);
    if (out == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *span = PyList_GET_ITEM(spans, i), *chars = PyList_GET_ITEM(cells, i);
        Py_ssize_t v[4];
        span_of(span, nx, ny, v);  /* checked above */
        PyObject *x0 = PyList_GET_ITEM(xs, v[1]), *x1 = PyList_GET_ITEM(xs, v[1] + v[3]);
        PyObject *bbox = PyTuple_Pack(4, x0, PyList_GET_ITEM(ys, v[0]), x1,
                                      PyList_GET_ITEM(ys, v[0] + v[2]));
        if (bbox == NULL) goto fail;
        PyObject *text = NULL;
        if (PyList_GET_SIZE(chars) == 0) text = Py_NewRef(Py_None);  /* an empty cell */
        else {
            Py_ssize_t w = 0;
            double b0 = PyFloat_AS_DOUBLE(x0), b2 = PyFloat_AS_DOUBLE(x1);
            text = box_text_glyphs(chars, b0, b2, &w);
            if (text == NULL && !PyErr_Occurred()) {
                w = 0;
                text = box_text_lists(chars, b0, b2, &w);
            }
            wraps += w;
        }
        PyObject *index = text ? PyLong_FromSsize_t(i) : NULL;
        int top = index ? PySet_Contains(tops, index) : -1;
        int bottom = top >= 0 ? PySet_Contains(bottoms, index) : -1;
        Py_XDECREF(index);
        PyObject *box = NULL;
        if (bottom >= 0) {
            if (v[3] > 1 && text != Py_None && PyUnicode_GET_LENGTH(text)) box = ink(chars);
            else box = Py_NewRef(Py_None);
        }
        PyObject *cell = NULL;
        if (box != NULL) {
            PyObject *argv[9] = {PyTuple_GET_ITEM(span, 0), PyTuple_GET_ITEM(span, 1),
                                 PyTuple_GET_ITEM(span, 2), PyTuple_GET_ITEM(span, 3), text, bbox,
                                 top ? Py_True : Py_False, bottom ? Py_True : Py_False, box};
            cell = make(type, fields, argv, 9);
        }
        Py_XDECREF(box);
        Py_XDECREF(text);
        Py_DECREF(bbox);
        if (cell == NULL) goto fail;
        PyList_SET_ITEM(out, i, cell);
    }
    result = Py_BuildValue("(On)", out, wraps);
    goto done;
fail:
    result = NULL;
done:
    Py_XDECREF(out);
    Py_XDECREF(xs);
    Py_XDECREF(ys);
    Py_XDECREF(spans);
    Py_XDECREF(tops);
    Py_XDECREF(bottoms);
    return result;
}

/* -- the page's glyph counts ------------------------------------------------------------- */

/* A bool fetched from a glyph dict: 1 true, 0 false, ``missing`` where absent, -2 not a bool
 * (the Python route) */
static int flag(PyObject *value, int missing) {
    if (value == NULL) return missing;
    if (!PyBool_Check(value)) return -2;
    return value == Py_True;
}

/* plumber_engine.turn_upright's counts: (sideways glyphs, those of them running up, glyphs
 * upside down), or None for the Python route */
static PyObject *turn_counts(PyObject *Py_UNUSED(self), PyObject *chars) {
    if (!PyList_CheckExact(chars)) Py_RETURN_NONE;
    Py_ssize_t sideways = 0, ups = 0, downs = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(chars); i++) {
        PyObject *ch = PyList_GET_ITEM(chars, i);
        if (!PyDict_CheckExact(ch)) Py_RETURN_NONE;
        PyObject *keys[3] = {K_UPRIGHT, K_DOWN, K_UP}, *v[3];
        if (fetch(ch, keys, v, 3) < 0) return NULL;
        int upright = flag(v[0], -2), down = flag(v[1], 0);
        int up = upright == 0 ? flag(v[2], -2) : 0;
        if (upright < 0 || down < 0 || up < 0) Py_RETURN_NONE;
        sideways += !upright;
        ups += up;
        downs += down;
    }
    return Py_BuildValue("(nnn)", sideways, ups, downs);
}

/* The number of glyphs whose text glyphs.is_garbled, or None for the Python route */
static PyObject *garbled(PyObject *Py_UNUSED(self), PyObject *chars) {
    if (!PyList_CheckExact(chars)) Py_RETURN_NONE;
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(chars); i++) {
        PyObject *ch = PyList_GET_ITEM(chars, i);
        if (!PyDict_CheckExact(ch)) Py_RETURN_NONE;
        PyObject *text = PyDict_GetItemWithError(ch, K_TEXT);
        if (text == NULL && PyErr_Occurred()) return NULL;
        if (text == NULL || !PyUnicode_CheckExact(text)) Py_RETURN_NONE;
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        if (n == 0) continue;
        int hit = 0;
        if (PyUnicode_MAX_CHAR_VALUE(text) >= 0xFFFD &&
            PyUnicode_FindChar(text, 0xFFFD, 0, n, 1) >= 0)
            hit = 1;
        else if (n >= 5) {
            Py_ssize_t at = PyUnicode_Find(text, S_CID, 0, n, 1);
            if (at == -2) return NULL;
            hit = at >= 0;
        }
        count += hit;
    }
    return PyLong_FromSsize_t(count);
}

/* -- the page's misdrawn glyphs ---------------------------------------------------------- */

/* glyphs.misdrawn: the ASCII glyphs drawn a full em wide on a page that draws ASCII
 * proportionally elsewhere. ``wide`` is glyphs._WIDE_ASCII. */
static PyObject *misdrawn(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *chars, *wide;
    if (!PyArg_ParseTuple(args, "OO", &chars, &wide)) return NULL;
    if (!PyAnySet_Check(wide)) {
        PyErr_SetString(PyExc_TypeError, "wide must be a set");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(chars, "chars must be a list");
    if (seq == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), m = 0;
    PyObject **items = PySequence_Fast_ITEMS(seq), *out = NULL;
    PyObject **picked = PyMem_Malloc((n ? n : 1) * sizeof(PyObject *));
    double *ratio = PyMem_Malloc((n ? 2 * n : 1) * sizeof(double));  /* width, size */
    if (picked == NULL || ratio == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int proportional = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *ch = items[i], *text = text_of(ch);
        if (text == NULL) goto done;
        if (PyUnicode_GET_LENGTH(text) != 1) continue;  /* "!" <= text <= "~" and len 1 */
        Py_UCS4 c = PyUnicode_READ_CHAR(text, 0);
        if (c < '!' || c > '~') continue;
        int in = PySet_Contains(wide, text);
        if (in < 0) goto done;
        if (in) continue;
        PyObject *up = PyDict_GetItemWithError(ch, K_UPRIGHT);
        if (up == NULL && PyErr_Occurred()) goto done;
        int truth = up == NULL ? 1 : PyObject_IsTrue(up);
        if (truth < 0) goto done;
        if (!truth) continue;
        double size, x0, x1;
        if (get(ch, K_SIZE, &size) < 0) goto done;
        if (!(size > 0)) continue;
        if (get(ch, K_X1, &x1) < 0 || get(ch, K_X0, &x0) < 0) goto done;
        picked[m] = ch;
        ratio[2 * m] = x1 - x0;
        ratio[2 * m + 1] = size;
        if (ratio[2 * m] < 0.75 * size) proportional = 1;
        m++;
    }
    out = PyList_New(0);
    if (out == NULL || !proportional) goto done;
    for (Py_ssize_t i = 0; i < m; i++)
        if (ratio[2 * i] >= 0.9 * ratio[2 * i + 1] && PyList_Append(out, picked[i]) < 0) {
            Py_CLEAR(out);
            goto done;
        }
done:
    PyMem_Free(picked);
    PyMem_Free(ratio);
    Py_DECREF(seq);
    return out;
}

/* -- the module --------------------------------------------------------------------------- */

static PyObject *init(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *fold_table, *nls, *nle, *se, *numbered, *undecided, *kt, *kx, *ktx;
    double gap, max_pad, hard_slack, numbered_slack, autospace;
    if (!PyArg_ParseTuple(args, "O!OOOOUOOOddddd", &PyDict_Type, &fold_table, &nls, &nle, &se,
                          &numbered, &undecided, &kt, &kx, &ktx, &gap, &max_pad, &hard_slack,
                          &numbered_slack, &autospace))
        return NULL;
    if (!PyAnySet_Check(nls) || !PyAnySet_Check(nle) || !PyAnySet_Check(se)) {
        PyErr_SetString(PyExc_TypeError, "the character classes must be sets");
        return NULL;
    }
    Py_UCS4 top = 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(fold_table, &pos, &key, &value)) {
        long cp = PyLong_AsLong(key);
        if (cp < 0 || cp > 0x10FFFF) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a fold key is a code point");
            return NULL;
        }
        if ((Py_UCS4)cp > top) top = (Py_UCS4)cp;
    }
    unsigned char *bits = PyMem_Calloc(top / 8 + 1, 1);
    if (bits == NULL) return PyErr_NoMemory();
    pos = 0;
    while (PyDict_Next(fold_table, &pos, &key, &value)) {
        long cp = PyLong_AsLong(key);
        bits[cp >> 3] |= (unsigned char)(1 << (cp & 7));
    }
    if (ready) {
        PyMem_Free(R.foldable);
        Py_DECREF(R.fold);
        Py_DECREF(R.no_line_start);
        Py_DECREF(R.no_line_end);
        Py_DECREF(R.sentence_end);
        Py_DECREF(R.starts_numbered);
        Py_DECREF(R.undecided);
        Py_DECREF(R.key_top);
        Py_DECREF(R.key_x0);
        Py_DECREF(R.key_top_x0);
    }
    R.foldable = bits;
    R.fold_max = top;
    R.fold = Py_NewRef(fold_table);
    R.no_line_start = Py_NewRef(nls);
    R.no_line_end = Py_NewRef(nle);
    R.sentence_end = Py_NewRef(se);
    R.starts_numbered = Py_NewRef(numbered);
    R.undecided = Py_NewRef(undecided);
    R.key_top = Py_NewRef(kt);
    R.key_x0 = Py_NewRef(kx);
    R.key_top_x0 = Py_NewRef(ktx);
    R.gap = gap;
    R.max_pad = max_pad;
    R.hard_slack = hard_slack;
    R.numbered_slack = numbered_slack;
    R.autospace = autospace;
    ready = 1;
    Py_RETURN_NONE;
}

#define NEED_INIT(name)                                                                     \
    static PyObject *name##_checked(PyObject *self, PyObject *args) {                       \
        if (!ready) {                                                                       \
            PyErr_SetString(PyExc_RuntimeError, "_layout_fast.init() was not called");      \
            return NULL;                                                                    \
        }                                                                                   \
        return name(self, args);                                                            \
    }
NEED_INIT(printed_lines)
NEED_INIT(line_items)
NEED_INIT(box_text)
NEED_INIT(loose_lines)
NEED_INIT(bucket)
NEED_INIT(crowded_cells)
NEED_INIT(grid_cells)

static PyMethodDef methods[] = {
    {"misdrawn", misdrawn, METH_VARARGS, "glyphs.misdrawn"},
    {"frame_cells", frame_cells, METH_VARARGS, "lattice.build_frame's merged cells: (owner, spans)"},
    {"segments", segments, METH_VARARGS, "rulings.segments_from_objects, or None: the Python route"},
    {"touching", touching, METH_VARARGS, "rulings.connected_groups' touching rules, or None"},
    {"grid_cells", grid_cells_checked, METH_VARARGS, "plumber_engine.page_layout's cells, or None"},
    {"turn_counts", turn_counts, METH_O, "plumber_engine.turn_upright's counts, or None"},
    {"garbled", garbled, METH_O, "how many glyphs glyphs.is_garbled, or None"},
    {"glyph_boxes", glyph_boxes, METH_O, "the glyphs' boxes for bucket and crowded_cells, or None"},
    {"init", init, METH_VARARGS, "init(fold, no_line_start, ...): the text rules, from layout.py."},
    {"printed_lines", printed_lines_checked, METH_O, "layout.printed_lines"},
    {"line_items", line_items_checked, METH_VARARGS, "layout.line_items"},
    {"box_text", box_text_checked, METH_VARARGS, "layout.box_text: (text, wraps)"},
    {"loose_lines", loose_lines_checked, METH_VARARGS, "layout.loose_lines"},
    {"bucket", bucket_checked, METH_VARARGS, "lattice.bucket_glyphs"},
    {"crowded_cells", crowded_cells_checked, METH_VARARGS,
     "open_grid.missing_columns: the cells worth a closer look"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_layout_fast",
    "The per-glyph loops of the page layout (see layout.py, lattice.py, open_grid.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__layout_fast(void) {
    struct { PyObject **slot; const char *name; } names[] = {
        {&K_X0, "x0"}, {&K_X1, "x1"}, {&K_TOP, "top"}, {&K_BOTTOM, "bottom"},
        {&K_TEXT, "text"}, {&K_SIZE, "size"}, {&K_UPRIGHT, "upright"}, {&S_EMPTY, ""},
        {&S_SPACE, " "}, {&S_NEWLINE, "\n"}, {&S_TRANSLATE, "translate"}, {&S_SORT, "sort"},
        {&S_KEY, "key"}, {&A_LO, "lo"}, {&A_HI, "hi"}, {&A_XS, "xs"}, {&A_YS, "ys"}, {&A_OWNER, "owner"},
        {&A_SPANS, "spans"}, {&A_OPEN_TOP, "open_top"}, {&A_OPEN_BOTTOM, "open_bottom"},
        {&K_STROKE, "stroke"}, {&K_PTS, "pts"}, {&K_UP, "up"}, {&K_DOWN, "down"}, {&S_CID, "(cid:"},
        {&A_POS, "pos"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        *names[i].slot = PyUnicode_InternFromString(names[i].name);
        if (*names[i].slot == NULL) return NULL;
    }
    return PyModule_Create(&module);
}
