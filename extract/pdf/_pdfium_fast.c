/* A page's glyphs and path objects from PDFium in one call each, for pdfium_engine.py.
 *
 * The ctypes route of pdfium_engine.py asks PDFium about five times per glyph and some
 * twenty-five times per path; each ctypes call costs far more than PDFium's own work. This
 * module makes the same calls from C, through the function addresses pypdfium2 has already
 * loaded (it does not link against PDFium), and builds the same dicts with the same
 * arithmetic, operation for operation, so the records are identical (tests/test_pdfium_fast.py
 * compares both routes on every PDF). Build with -ffp-contract=off: a fused multiply-add
 * rounds differently from Python's two operations.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

typedef struct { float left, top, right, bottom; } RectF;
typedef struct { float a, b, c, d, e, f; } MatrixF;

static struct {
    unsigned (*get_unicode)(void *, int);
    int (*is_generated)(void *, int);
    void *(*get_text_object)(void *, int);
    int (*get_char_origin)(void *, int, double *, double *);
    int (*get_loose_char_box)(void *, int, RectF *);
    int (*has_unicode_map_error)(void *, int);
    int (*text_get_matrix)(void *, int, MatrixF *);
    void *(*text_obj_get_font)(void *);
    int (*text_obj_get_font_size)(void *, float *);
    int (*font_get_glyph_width)(void *, unsigned, float, float *);
    int (*count_marks)(void *);
    void *(*get_mark)(void *, unsigned long);
    int (*mark_param_value_type)(void *, const char *);
    int (*page_count_objects)(void *);
    void *(*page_get_object)(void *, int);
    int (*form_count_objects)(void *);
    void *(*form_get_object)(void *, unsigned long);
    int (*obj_get_type)(void *);
    int (*obj_get_matrix)(void *, MatrixF *);
    int (*path_get_draw_mode)(void *, int *, int *);
    int (*path_count_segments)(void *);
    void *(*path_get_segment)(void *, int);
    int (*segment_get_point)(void *, float *, float *);
    int (*segment_get_type)(void *);
    int (*segment_get_close)(void *);
} F;
static int ready = 0;

#define N_FUNCTIONS 25
#define SEGMENT_LINETO 0
#define SEGMENT_BEZIERTO 1
#define SEGMENT_MOVETO 2
#define OBJ_TEXT 1
#define OBJ_PATH 2
#define OBJ_FORM 5
#define OBJECT_UNKNOWN 0

static PyObject *K_X0, *K_X1, *K_TOP, *K_BOTTOM, *K_TEXT, *K_SIZE, *K_UPRIGHT, *K_UP, *K_DOWN,
    *K_STROKE, *K_PTS, *S_REPLACEMENT;

static PyObject *init(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *addresses;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &addresses)) return NULL;
    if (PyTuple_GET_SIZE(addresses) != N_FUNCTIONS) {
        PyErr_Format(PyExc_ValueError, "expected %d function addresses", N_FUNCTIONS);
        return NULL;
    }
    void *table[N_FUNCTIONS];
    for (Py_ssize_t i = 0; i < N_FUNCTIONS; i++) {
        table[i] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(addresses, i));
        if (table[i] == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a null function address");
            return NULL;
        }
    }
    memcpy(&F, table, sizeof(table));
    ready = 1;
    Py_RETURN_NONE;
}

/* The page frame: pdfminer's page matrix (pa..pf), the media box's x0 and pdfplumber's flip. */
typedef struct { double pa, pb, pc, pd, pe, pf, mb_x0, flip; } Frame;

static int parse_frame(PyObject *tuple, Frame *fr) {
    double v[8];
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != 8) {
        PyErr_SetString(PyExc_TypeError, "frame: a tuple of 8 floats");
        return -1;
    }
    for (int i = 0; i < 8; i++) {
        v[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, i));
        if (v[i] == -1.0 && PyErr_Occurred()) return -1;
    }
    fr->pa = v[0]; fr->pb = v[1]; fr->pc = v[2]; fr->pd = v[3];
    fr->pe = v[4]; fr->pf = v[5]; fr->mb_x0 = v[6]; fr->flip = v[7];
    return 0;
}

/* Set d[key] = value, taking the reference to value. */
static int put(PyObject *d, PyObject *key, PyObject *value) {
    if (value == NULL) return -1;
    int r = PyDict_SetItem(d, key, value);
    Py_DECREF(value);
    return r;
}

static int put_bool(PyObject *d, PyObject *key, int flag) {
    return PyDict_SetItem(d, key, flag ? Py_True : Py_False);
}

static PyObject *box_dict(double x0, double x1, double top, double bottom) {
    PyObject *d = PyDict_New();
    if (d == NULL) return NULL;
    if (put(d, K_X0, PyFloat_FromDouble(x0)) || put(d, K_X1, PyFloat_FromDouble(x1)) ||
        put(d, K_TOP, PyFloat_FromDouble(top)) || put(d, K_BOTTOM, PyFloat_FromDouble(bottom))) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* -- glyphs ------------------------------------------------------------------------------ */

/* What every glyph of one text object shares (pdfium_engine._TextObjects.info). */
typedef struct {
    double a, b, c, d, size, descent;
    void *font;
    int plain, loose;
} ObjectInfo;

static int has_actual_text(void *obj) {
    int n = F.count_marks(obj);
    for (int k = 0; k < n; k++) {
        void *mark = F.get_mark(obj, (unsigned long)k);
        if (mark && F.mark_param_value_type(mark, "ActualText") != OBJECT_UNKNOWN) return 1;
    }
    return 0;
}

static PyObject *handle_key(void *handle) {
    if (handle == NULL) Py_RETURN_NONE;
    return PyLong_FromVoidPtr(handle);
}

static PyObject *glyph_text(unsigned code, int map_error) {
    if (map_error) return PyUnicode_FromFormat("(cid:%u)", code);
    if (code == 0) {
        Py_INCREF(S_REPLACEMENT);
        return S_REPLACEMENT;
    }
    if (code > 0x10FFFF) {
        PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    return PyUnicode_FromOrdinal((int)code);
}

/* pdfium_engine._glyph: one glyph as pdfminer boxes it, in pdfplumber's coordinates. */
static PyObject *turned_glyph(const Frame *fr, const ObjectInfo *o, double x, double y,
                              double adv, PyObject *text) {
    double a = o->a, b = o->b, cc = o->c, d = o->d, size = o->size;
    double lo = o->descent * size;
    double hi = lo + size;
    double p0x = x + cc * lo, p0y = y + d * lo;
    double p1x = x + a * adv + cc * hi, p1y = y + b * adv + d * hi;
    double qx0 = fr->pa * p0x + fr->pc * p0y + fr->pe;
    double qy0 = fr->pb * p0x + fr->pd * p0y + fr->pf;
    double qx1 = fr->pa * p1x + fr->pc * p1y + fr->pe;
    double qy1 = fr->pb * p1x + fr->pd * p1y + fr->pf;
    double x0, x1, y0, y1;
    if (qx0 <= qx1) { x0 = qx0; x1 = qx1; } else { x0 = qx1; x1 = qx0; }
    if (qy0 <= qy1) { y0 = qy0; y1 = qy1; } else { y0 = qy1; y1 = qy0; }
    double ga = fr->pa * a + fr->pc * b, gb = fr->pb * a + fr->pd * b;
    double gc = fr->pa * cc + fr->pc * d, gd = fr->pb * cc + fr->pd * d;
    PyObject *g = box_dict(x0 + fr->mb_x0, x1 + fr->mb_x0, fr->flip - y1, fr->flip - y0);
    if (g == NULL) return NULL;
    if (PyDict_SetItem(g, K_TEXT, text) || put(g, K_SIZE, PyFloat_FromDouble(y1 - y0)) ||
        put_bool(g, K_UPRIGHT, ga * gd > 0 && gb * gc <= 0) || put_bool(g, K_UP, gb > 0) ||
        put_bool(g, K_DOWN, ga < 0 && gd < 0)) {
        Py_DECREF(g);
        return NULL;
    }
    return g;
}

static PyObject *plain_glyph(const Frame *fr, const ObjectInfo *o, double x, double y,
                             double adv, PyObject *text) {
    double d = o->d, size = o->size;
    double lo = d * o->descent * size + y + fr->pf;
    double x0 = x + fr->pe;
    PyObject *g = box_dict(x0 + fr->mb_x0, x0 + o->a * adv + fr->mb_x0, fr->flip - (lo + d * size),
                           fr->flip - lo);
    if (g == NULL) return NULL;
    if (PyDict_SetItem(g, K_TEXT, text) || put(g, K_SIZE, PyFloat_FromDouble(d * size)) ||
        put_bool(g, K_UPRIGHT, 1) || put_bool(g, K_UP, 0) || put_bool(g, K_DOWN, 0)) {
        Py_DECREF(g);
        return NULL;
    }
    return g;
}

typedef struct {
    ObjectInfo *items;
    Py_ssize_t n, cap;
    PyObject *index;    /* handle key -> position in items */
    PyObject *descents; /* font handle -> descent (float), asked of Python once per font */
} Objects;

/* pdfium_engine._TextObjects.info: the object's shared facts, asked of PDFium once. The
 * matrix and font size outputs persist across objects, as the ctypes route's buffers do. */
static ObjectInfo *object_info(Objects *objs, void *tp, void *key, PyObject *pykey, int i,
                               int plain_page, PyObject *descent_of, MatrixF *m, float *fs) {
    PyObject *at = PyDict_GetItemWithError(objs->index, pykey);
    if (at != NULL) return &objs->items[PyLong_AsSsize_t(at)];
    if (PyErr_Occurred()) return NULL;
    if (objs->n == objs->cap) {
        Py_ssize_t cap = objs->cap ? objs->cap * 2 : 64;
        ObjectInfo *grown = PyMem_Realloc(objs->items, cap * sizeof(ObjectInfo));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        objs->items = grown;
        objs->cap = cap;
    }
    ObjectInfo *o = &objs->items[objs->n];
    F.text_get_matrix(tp, i, m);
    o->a = m->a; o->b = m->b; o->c = m->c; o->d = m->d;
    o->font = F.text_obj_get_font(key);
    F.text_obj_get_font_size(key, fs);
    o->size = *fs;
    if (o->font == NULL) {
        o->descent = 0.0;
    } else {
        PyObject *fkey = PyLong_FromVoidPtr(o->font);
        if (fkey == NULL) return NULL;
        PyObject *known = PyDict_GetItemWithError(objs->descents, fkey);
        if (known == NULL) {
            if (PyErr_Occurred() || (known = PyObject_CallOneArg(descent_of, fkey)) == NULL) {
                Py_DECREF(fkey);
                return NULL;
            }
            int r = PyDict_SetItem(objs->descents, fkey, known);
            Py_DECREF(known);
            if (r) {
                Py_DECREF(fkey);
                return NULL;
            }
        }
        Py_DECREF(fkey);
        o->descent = PyFloat_AsDouble(known);
        if (o->descent == -1.0 && PyErr_Occurred()) return NULL;
    }
    o->plain = plain_page && o->b == 0.0 && o->c == 0.0 && o->a > 0.0 && o->d > 0.0;
    o->loose = fabs(o->a) > 1e-9 && fabs(o->b) < 1e-9 && !has_actual_text(key);
    PyObject *pos = PyLong_FromSsize_t(objs->n);
    if (pos == NULL) return NULL;
    int r = PyDict_SetItem(objs->index, pykey, pos);
    Py_DECREF(pos);
    if (r) return NULL;
    objs->n++;
    return o;
}

static int maybe_generated(unsigned code) {
    return code == 0x20 || code == 0x0D || code == 0x0A || code == 0x02 || code == 0x03 ||
           code == 0xFFFE;
}

/* chars(textpage, count, units, frame, plain_page, descent_of, out) -> set of text objects
 * seen. pdfium_engine._chars, appending the glyph dicts to ``out``. ``units``: the page's
 * code points as UTF-16 units (bytes), or None to ask PDFium for each. */
static PyObject *chars(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *tp_obj, *units_obj, *frame_obj, *descent_of, *out;
    int count, plain_page;
    if (!PyArg_ParseTuple(args, "OiOOpOO!", &tp_obj, &count, &units_obj, &frame_obj,
                          &plain_page, &descent_of, &PyList_Type, &out))
        return NULL;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() was not called");
        return NULL;
    }
    void *tp = PyLong_AsVoidPtr(tp_obj);
    if (tp == NULL && PyErr_Occurred()) return NULL;
    Frame fr;
    if (parse_frame(frame_obj, &fr)) return NULL;
    Py_buffer units = {0};
    int have_units = units_obj != Py_None;
    if (have_units) {
        if (PyObject_GetBuffer(units_obj, &units, PyBUF_SIMPLE)) return NULL;
        if (units.len < (Py_ssize_t)count * 2) {
            PyBuffer_Release(&units);
            PyErr_SetString(PyExc_ValueError, "units: fewer than count characters");
            return NULL;
        }
    }
    const unsigned char *ub = have_units ? (const unsigned char *)units.buf : NULL;
    Objects objs = {NULL, 0, 0, PyDict_New(), PyDict_New()};
    PyObject *seen = PySet_New(NULL);
    void *last_key = NULL, *prev_key = NULL; /* the ctypes route starts from None */
    Py_ssize_t prev_at = -1;                 /* prev_key's place in objs.items */
    PyObject *last = NULL;                   /* the last glyph appended (borrowed from out) */
    double last_x = 0.0, last_y = 0.0, ox = 0.0, oy = 0.0;
    RectF rect = {0, 0, 0, 0};
    MatrixF m = {0, 0, 0, 0, 0, 0};
    float fs = 0.0f, width = 0.0f;
    if (objs.index == NULL || objs.descents == NULL || seen == NULL) goto fail;
    for (int i = 0; i < count; i++) {
        unsigned code;
        if (have_units) {
            uint16_t u;
            memcpy(&u, ub + 2 * (Py_ssize_t)i, 2);
            code = u;
        } else {
            code = F.get_unicode(tp, i);
        }
        if (maybe_generated(code) && F.is_generated(tp, i)) continue;
        void *key = F.get_text_object(tp, i);
        ObjectInfo *o;
        if (prev_at >= 0 && key == prev_key) { /* most glyphs share the last glyph's object */
            o = &objs.items[prev_at];
        } else {
            PyObject *pykey = handle_key(key);
            if (pykey == NULL) goto fail;
            o = object_info(&objs, tp, key, pykey, i, plain_page, descent_of, &m, &fs);
            int bad = o == NULL || PySet_Add(seen, pykey);
            Py_DECREF(pykey);
            if (bad) goto fail;
            prev_key = key;
            prev_at = o - objs.items;
        }
        PyObject *text = glyph_text(code, F.has_unicode_map_error(tp, i));
        if (text == NULL) goto fail;
        F.get_char_origin(tp, i, &ox, &oy);
        double x = ox, y = oy;
        if (key == last_key && x == last_x && y == last_y) {
            if (last == NULL) { /* as the ctypes route: out[-1] */
                Py_ssize_t size = PyList_GET_SIZE(out);
                if (size == 0) {
                    Py_DECREF(text);
                    PyErr_SetString(PyExc_IndexError, "list index out of range");
                    goto fail;
                }
                last = PyList_GET_ITEM(out, size - 1);
            }
            /* one glyph, several characters (an /ActualText span) */
            PyObject *before = PyDict_GetItemWithError(last, K_TEXT);
            if (before == NULL) {
                Py_DECREF(text);
                if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, K_TEXT);
                goto fail;
            }
            PyObject *joined = PyUnicode_Concat(before, text);
            Py_DECREF(text);
            if (put(last, K_TEXT, joined)) goto fail;
            if (o->plain) {
                F.get_loose_char_box(tp, i, &rect);
                PyObject *lx0 = PyDict_GetItemWithError(last, K_X0);
                PyObject *lx1 = PyDict_GetItemWithError(last, K_X1);
                if (lx0 == NULL || lx1 == NULL) {
                    if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "x0");
                    goto fail;
                }
                double right = PyFloat_AsDouble(lx0) + (double)rect.right - x;
                if (right > PyFloat_AsDouble(lx1)) {
                    if (put(last, K_X1, PyFloat_FromDouble(right))) goto fail;
                }
            }
            continue;
        }
        last_key = key;
        last_x = x;
        last_y = y;
        double adv;
        if (o->loose) {
            F.get_loose_char_box(tp, i, &rect);
            adv = fabs((double)rect.right - (double)rect.left) / fabs(o->a);
        } else if (o->font && F.font_get_glyph_width(o->font, code, (float)o->size, &width)) {
            adv = width;
        } else {
            adv = o->size;
        }
        PyObject *g = o->plain ? plain_glyph(&fr, o, x, y, adv, text)
                               : turned_glyph(&fr, o, x, y, adv, text);
        Py_DECREF(text);
        if (g == NULL) goto fail;
        int r = PyList_Append(out, g);
        Py_DECREF(g);
        if (r) goto fail;
        last = g;
    }
    Py_DECREF(objs.index);
    Py_DECREF(objs.descents);
    PyMem_Free(objs.items);
    if (have_units) PyBuffer_Release(&units);
    return seen;
fail:
    Py_XDECREF(objs.index);
    Py_XDECREF(objs.descents);
    Py_XDECREF(seen);
    PyMem_Free(objs.items);
    if (have_units) PyBuffer_Release(&units);
    return NULL;
}

/* -- paths ------------------------------------------------------------------------------- */

typedef struct { double a, b, c, d, e, f; } Matrix;

/* m1 then m2 (PDF row-vector convention): pdfium_engine._mul. */
static Matrix mul(Matrix m1, Matrix m2) {
    Matrix r;
    r.a = m1.a * m2.a + m1.b * m2.c;
    r.b = m1.a * m2.b + m1.b * m2.d;
    r.c = m1.c * m2.a + m1.d * m2.c;
    r.d = m1.c * m2.b + m1.d * m2.d;
    r.e = m1.e * m2.a + m1.f * m2.c + m2.e;
    r.f = m1.e * m2.b + m1.f * m2.d + m2.f;
    return r;
}

static Matrix from_f(const MatrixF *m) {
    Matrix r = {m->a, m->b, m->c, m->d, m->e, m->f};
    return r;
}

static PyObject *matrix_tuple(Matrix m) {
    return Py_BuildValue("(dddddd)", m.a, m.b, m.c, m.d, m.e, m.f);
}

typedef struct { char op; double x, y; } Segment;
typedef struct { double x, y; } Point;

typedef struct {
    Segment *segs;
    Py_ssize_t n, cap;
    Point *pts;
    Py_ssize_t pts_cap;
} Scratch;

static int reserve(void **buf, Py_ssize_t *cap, Py_ssize_t need, size_t size) {
    if (need <= *cap) return 0;
    Py_ssize_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *grown = PyMem_Realloc(*buf, c * size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *buf = grown;
    *cap = c;
    return 0;
}

enum { LINE, RECT, CURVE };

/* pdfium_engine._emit: one shape in pdfplumber's top-left coordinates. */
static int emit(int kind, const Point *pts, Py_ssize_t n, const Frame *fr, int stroke,
                PyObject *lines, PyObject *rects, PyObject *curves) {
    double x0, x1, y0, y1;
    if (n == 2) {
        double xa = pts[0].x, ya = pts[0].y, xb = pts[1].x, yb = pts[1].y;
        if (xa <= xb) { x0 = xa; x1 = xb; } else { x0 = xb; x1 = xa; }
        if (ya <= yb) { y0 = ya; y1 = yb; } else { y0 = yb; y1 = ya; }
    } else {
        x0 = x1 = pts[0].x;
        y0 = y1 = pts[0].y;
        for (Py_ssize_t k = 1; k < n; k++) { /* as Python's min and max: the first wins a tie */
            if (pts[k].x < x0) x0 = pts[k].x;
            if (pts[k].x > x1) x1 = pts[k].x;
            if (pts[k].y < y0) y0 = pts[k].y;
            if (pts[k].y > y1) y1 = pts[k].y;
        }
    }
    PyObject *d = box_dict(x0 + fr->mb_x0, x1 + fr->mb_x0, fr->flip - y1, fr->flip - y0);
    if (d == NULL) return -1;
    PyObject *target = lines;
    if (kind == RECT) {
        target = rects;
        if (put_bool(d, K_STROKE, stroke)) goto fail;
    } else if (kind == CURVE) {
        target = curves;
        PyObject *list = PyList_New(n);
        if (list == NULL) goto fail;
        for (Py_ssize_t k = 0; k < n; k++) {
            PyObject *p = Py_BuildValue("(dd)", pts[k].x + fr->mb_x0, fr->flip - pts[k].y);
            if (p == NULL) {
                Py_DECREF(list);
                goto fail;
            }
            PyList_SET_ITEM(list, k, p);
        }
        if (put(d, K_PTS, list)) goto fail;
    }
    int r = PyList_Append(target, d);
    Py_DECREF(d);
    return r;
fail:
    Py_DECREF(d);
    return -1;
}

static int same_point(Point p, Point q) { return p.x == q.x && p.y == q.y; }

/* pdfium_engine._shape and _emit on one subpath (segs[0].op is "m" or the whole path). */
static int shape(const Segment *sub, Py_ssize_t n, Matrix mx, Scratch *s, const Frame *fr,
                 int stroke, PyObject *lines, PyObject *rects, PyObject *curves) {
    if (reserve((void **)&s->pts, &s->pts_cap, n + 1, sizeof(Point))) return -1;
    char ops[8];
    Point *pts = s->pts;
    double xs = sub[0].x, ys = sub[0].y;
    for (Py_ssize_t k = 0; k < n; k++) {
        double x = sub[k].x, y = sub[k].y;
        if (sub[k].op == 'h') { x = xs; y = ys; }
        pts[k].x = mx.a * x + mx.c * y + mx.e;
        pts[k].y = mx.b * x + mx.d * y + mx.f;
    }
    Py_ssize_t len = n, npts = n;
    int tail_lh = n > 3 && sub[n - 2].op == 'l' && sub[n - 1].op == 'h';
    if (tail_lh && same_point(pts[npts - 2], pts[0])) {
        len = n - 1; /* "...lh" becomes "...h": the shape ends in h, one point fewer */
        npts = n - 1;
    }
    /* the shape's operators (with the last one "h" when reduced) */
    int kind = CURVE;
    if (len <= 5) {
        for (Py_ssize_t k = 0; k < len; k++) ops[k] = sub[k].op;
        if (len != n) ops[len - 1] = 'h';
        ops[len] = 0;
        if (!strcmp(ops, "mlh") || !strcmp(ops, "ml")) {
            kind = LINE;
        } else if (!strcmp(ops, "mlllh") || !strcmp(ops, "mllll")) {
            Point p0 = pts[0], p1 = pts[1], p2 = pts[2], p3 = pts[3];
            int closed = same_point(pts[0], pts[4]);
            int square = (p0.x == p1.x && p1.y == p2.y && p2.x == p3.x && p3.y == p0.y) ||
                         (p0.y == p1.y && p1.x == p2.x && p2.y == p3.y && p3.x == p0.x);
            if (closed && square) {
                pts[1] = pts[2];
                return emit(RECT, pts, 2, fr, stroke, lines, rects, curves);
            }
        }
    }
    return emit(kind, pts, npts, fr, stroke, lines, rects, curves);
}

/* pdfium_engine._add_path: pdfminer's paint_path on PDFium's segments. */
static int add_path(Scratch *s, Matrix mat, const Frame *fr, int stroke, PyObject *lines,
                    PyObject *rects, PyObject *curves) {
    Matrix ctm = {fr->pa, fr->pb, fr->pc, fr->pd, fr->pe, fr->pf};
    Matrix mx = mul(mat, ctm);
    Segment *segs = s->segs;
    Py_ssize_t n = s->n;
    int curved = 0;
    for (Py_ssize_t k = 0; k < n; k++) curved |= segs[k].op == 'c';
    if (curved) { /* a Bezier comes as three points; pdfminer keeps the end point */
        Py_ssize_t w = 0;
        int pending = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            if (segs[k].op == 'c') {
                if (++pending == 3) {
                    segs[w++] = segs[k];
                    pending = 0;
                }
                continue;
            }
            pending = 0;
            segs[w++] = segs[k];
        }
        n = w;
    }
    int moves = 0;
    for (Py_ssize_t k = 1; k < n; k++) moves += segs[k].op == 'm';
    if (n > 0 && segs[0].op == 'm' && moves == 0)
        return shape(segs, n, mx, s, fr, stroke, lines, rects, curves);
    Py_ssize_t k = 0;
    while (k < n) { /* subpaths, cut before every move; one not starting with a move is skipped */
        Py_ssize_t end = k + 1;
        while (end < n && segs[end].op != 'm') end++;
        if (segs[k].op == 'm' && shape(segs + k, end - k, mx, s, fr, stroke, lines, rects, curves))
            return -1;
        k = end;
    }
    return 0;
}

typedef struct {
    void *owner;
    int is_form;
    Matrix outer;
} Owner;

/* paths(page, frame, seen, lines, rects, curves) -> [(text object, outer matrix), ...]:
 * pdfium_engine._paths, appending the shapes to the three lists. */
static PyObject *paths(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *page_obj, *frame_obj, *seen, *lines, *rects, *curves;
    if (!PyArg_ParseTuple(args, "OOO!O!O!O!", &page_obj, &frame_obj, &PySet_Type, &seen,
                          &PyList_Type, &lines, &PyList_Type, &rects, &PyList_Type, &curves))
        return NULL;
    if (!ready) {
        PyErr_SetString(PyExc_RuntimeError, "init() was not called");
        return NULL;
    }
    void *page = PyLong_AsVoidPtr(page_obj);
    if (page == NULL && PyErr_Occurred()) return NULL;
    Frame fr;
    if (parse_frame(frame_obj, &fr)) return NULL;
    PyObject *unseen = PyList_New(0);
    if (unseen == NULL) return NULL;
    Scratch s = {NULL, 0, 0, NULL, 0};
    Owner *stack = NULL;
    Py_ssize_t depth = 0, stack_cap = 0;
    MatrixF m = {0, 0, 0, 0, 0, 0};
    float fx = 0.0f, fy = 0.0f;
    int fill = 0, stroke = 0;
    if (reserve((void **)&stack, &stack_cap, 1, sizeof(Owner))) goto fail;
    Matrix identity = {1.0, 0.0, 0.0, 1.0, 0.0, 0.0};
    stack[depth++] = (Owner){page, 0, identity};
    while (depth) {
        Owner own = stack[--depth];
        int count = own.is_form ? F.form_count_objects(own.owner) : F.page_count_objects(own.owner);
        for (int k = 0; k < count; k++) {
            void *obj = own.is_form ? F.form_get_object(own.owner, (unsigned long)k)
                                    : F.page_get_object(own.owner, k);
            if (obj == NULL) continue;
            PyObject *key = PyLong_FromVoidPtr(obj);
            if (key == NULL) goto fail;
            int known = PySet_Contains(seen, key);
            if (known) { /* a text object of the text page: no path */
                Py_DECREF(key);
                if (known < 0) goto fail;
                continue;
            }
            int kind = F.obj_get_type(obj);
            if (kind == OBJ_FORM) {
                Py_DECREF(key);
                F.obj_get_matrix(obj, &m);
                if (reserve((void **)&stack, &stack_cap, depth + 1, sizeof(Owner))) goto fail;
                stack[depth++] = (Owner){obj, 1, mul(from_f(&m), own.outer)};
                continue;
            }
            if (kind == OBJ_TEXT) {
                PyObject *outer = matrix_tuple(own.outer);
                PyObject *item = outer ? PyTuple_Pack(2, key, outer) : NULL;
                Py_XDECREF(outer);
                Py_DECREF(key);
                if (item == NULL) goto fail;
                int r = PyList_Append(unseen, item);
                Py_DECREF(item);
                if (r) goto fail;
                continue;
            }
            Py_DECREF(key);
            if (kind != OBJ_PATH || !F.path_get_draw_mode(obj, &fill, &stroke)) continue;
            if (!fill && !stroke) continue;
            F.obj_get_matrix(obj, &m);
            Matrix mat = from_f(&m);
            if (own.is_form) mat = mul(mat, own.outer);
            int nseg = F.path_count_segments(obj);
            s.n = 0;
            for (int j = 0; j < nseg; j++) {
                if (reserve((void **)&s.segs, &s.cap, s.n + 2, sizeof(Segment))) goto fail;
                void *seg = F.path_get_segment(obj, j);
                F.segment_get_point(seg, &fx, &fy);
                int t = F.segment_get_type(seg);
                char op = t == SEGMENT_MOVETO ? 'm' : t == SEGMENT_BEZIERTO ? 'c' : 'l';
                s.segs[s.n++] = (Segment){op, fx, fy};
                if (F.segment_get_close(seg)) s.segs[s.n++] = (Segment){'h', 0.0, 0.0};
            }
            if (add_path(&s, mat, &fr, stroke != 0, lines, rects, curves)) goto fail;
        }
    }
    PyMem_Free(stack);
    PyMem_Free(s.segs);
    PyMem_Free(s.pts);
    return unseen;
fail:
    PyMem_Free(stack);
    PyMem_Free(s.segs);
    PyMem_Free(s.pts);
    Py_DECREF(unseen);
    return NULL;
}

static PyMethodDef methods[] = {
    {"init", init, METH_VARARGS, "init(addresses): PDFium's functions, as pdfium_engine lists them."},
    {"chars", chars, METH_VARARGS, "A page's glyphs as pdfminer boxes them (pdfium_engine._chars)."},
    {"paths", paths, METH_VARARGS, "A page's painted paths as pdfminer shapes (pdfium_engine._paths)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_fast",
    "A page's glyphs and paths from PDFium in one call each (see pdfium_engine.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__pdfium_fast(void) {
    const char *names[] = {"x0", "x1", "top", "bottom", "text", "size",
                           "upright", "up", "down", "stroke", "pts"};
    PyObject **keys[] = {&K_X0, &K_X1, &K_TOP, &K_BOTTOM, &K_TEXT, &K_SIZE,
                         &K_UPRIGHT, &K_UP, &K_DOWN, &K_STROKE, &K_PTS};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        *keys[i] = PyUnicode_InternFromString(names[i]);
        if (*keys[i] == NULL) return NULL;
    }
    S_REPLACEMENT = PyUnicode_FromOrdinal(0xFFFD);
    if (S_REPLACEMENT == NULL) return NULL;
    return PyModule_Create(&module);
}
