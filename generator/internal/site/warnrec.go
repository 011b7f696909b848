package site

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// A build that warned records its warnings (manifest.Warnings), so that the
// next build with nothing changed can show them again without loading the
// project (see unchanged): at national size, loading and checking every
// city costs seconds, and a site with a single warning would otherwise never
// take the fast path. Messages are kept as their catalogue key and values,
// so they are shown in the reader's language as before; a value is kept
// with its kind (text, integer, number, string), so that it formats the
// same way.

// warnRec is a recorded warning.
type warnRec struct {
	File string   `json:"f,omitempty"`
	Line int      `json:"l,omitempty"`
	Col  int      `json:"c,omitempty"`
	Msg  *textRec `json:"m"`
	Hint *textRec `json:"h,omitempty"`
}

// textRec is a recorded diag.Text.
type textRec struct {
	Key  string   `json:"k"`
	Args []argRec `json:"a,omitempty"`
}

// argRec is one value of a message: a text (T), or a value kept as the
// string it prints (S, with Method when it came from a String or Error
// method) and, for numbers and booleans, as that (I, U, F, B).
type argRec struct {
	T      *textRec `json:"t,omitempty"`
	S      string   `json:"s,omitempty"`
	Method bool     `json:"sm,omitempty"`
	I      *int64   `json:"i,omitempty"`
	U      *uint64  `json:"u,omitempty"`
	F      *float64 `json:"n,omitempty"`
	B      *bool    `json:"b,omitempty"`
}

func recordWarnings(ws []diag.Diagnostic) []warnRec {
	out := make([]warnRec, 0, len(ws))
	for _, w := range ws {
		r := warnRec{File: w.Pos.File, Line: w.Pos.Line, Col: w.Pos.Col, Msg: recordText(w.Msg)}
		if !w.Hint.IsZero() {
			r.Hint = recordText(w.Hint)
		}
		out = append(out, r)
	}
	return out
}

func recordText(t diag.Text) *textRec {
	r := &textRec{Key: t.Key}
	for _, a := range t.Args {
		r.Args = append(r.Args, recordArg(a))
	}
	return r
}

func recordArg(a any) argRec {
	if x, ok := a.(recorded); ok && x.rec != nil {
		return *x.rec // a warning shown again: recorded as it was
	}
	if x, ok := a.(diag.Text); ok {
		return argRec{T: recordText(x)}
	}
	r := argRec{S: fmt.Sprint(a)}
	switch x := a.(type) {
	case error:
		r.S, r.Method = x.Error(), true
	case fmt.Stringer:
		r.S, r.Method = x.String(), true
	}
	v := reflect.ValueOf(a)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i := v.Int()
		r.I = &i
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := v.Uint()
		r.U = &u
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		r.F = &f
	case reflect.Bool:
		b := v.Bool()
		r.B = &b
	}
	return r
}

// recorded is a replayed value: it formats as the original did, the
// string it printed for the verbs of strings (and for every verb when it
// was a string or had a String or Error method), the number for the others.
type recorded struct {
	s      string
	method bool
	num    any
	rec    *argRec // as recorded
}

func (r recorded) Format(f fmt.State, verb rune) {
	v := any(r.s)
	if r.num != nil {
		switch verb {
		case 's', 'v', 'q', 'x', 'X':
			if !r.method {
				v = r.num
			}
		default:
			v = r.num
		}
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

var errBadWarning = errors.New("a recorded warning cannot be read")

// replayWarnings turns recorded warnings back into diagnostics.
func replayWarnings(rs []warnRec) ([]diag.Diagnostic, error) {
	out := make([]diag.Diagnostic, 0, len(rs))
	for _, r := range rs {
		if r.Msg == nil {
			return nil, errBadWarning
		}
		d := diag.Diagnostic{Pos: diag.Pos{File: r.File, Line: r.Line, Col: r.Col}, Warning: true}
		var err error
		if d.Msg, err = replayText(r.Msg); err != nil {
			return nil, err
		}
		if r.Hint != nil {
			if d.Hint, err = replayText(r.Hint); err != nil {
				return nil, err
			}
		}
		out = append(out, d)
	}
	return out, nil
}

func replayText(r *textRec) (diag.Text, error) {
	t := diag.Text{Key: r.Key}
	for i := range r.Args {
		a := &r.Args[i]
		var v any
		if a.T != nil {
			x, err := replayText(a.T)
			if err != nil {
				return t, err
			}
			v = x
		} else {
			r := recorded{s: a.S, method: a.Method, rec: a} // the record's own argument, read only
			switch {
			case a.I != nil:
				r.num = *a.I
			case a.U != nil:
				r.num = *a.U
			case a.F != nil:
				r.num = *a.F
			case a.B != nil:
				r.num = *a.B
			}
			v = r
		}
		t.Args = append(t.Args, v)
	}
	return t, nil
}
