package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Text is a message before it is formatted: its key in the catalogue (the
// English format, as written in the code) and the values to fill in. It is
// formatted only when shown, in the reader's language: the key is looked up
// in the catalogue (ja.go) and the values are put into the Japanese format.
// A value that is itself a Text is shown in the same language.
type Text struct {
	Key  string
	Args []any
}

// T returns the message with key format and the values args.
func T(format string, args ...any) Text { return Text{Key: format, Args: args} }

// IsZero reports whether t is empty (no message, as a missing hint).
func (t Text) IsZero() bool { return t.Key == "" && len(t.Args) == 0 }

// String formats t in English.
func (t Text) String() string { return t.In("en") }

// In formats t in lang ("ja" or "en"). A key the catalogue does not know is
// formatted as it is, in English, so nothing is lost.
func (t Text) In(lang string) string {
	s, _ := t.in(lang)
	return s
}

// in formats t in lang and reports whether a translation was used.
func (t Text) in(lang string) (string, bool) {
	if lang == "ja" {
		if ja, ok := lookup(t.Key); ok {
			return ja.render(t.Args), true
		}
	}
	if len(t.Args) == 0 {
		return t.Key, false
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		if x, ok := a.(Text); ok {
			a = x.In(lang)
		}
		args[i] = a
	}
	return fmt.Sprintf(t.Key, args...), false
}

// StringIn renders d in lang: "file:line:col: message (hint)" in English,
// with the hint in full-width parentheses in Japanese. A warning says so
// after the position.
func (d Diagnostic) StringIn(lang string) string {
	s := d.Pos.String() + ": "
	if d.Warning {
		s += T("warning: ").In(lang)
	}
	s += d.Msg.In(lang)
	if !d.Hint.IsZero() {
		if lang == "ja" {
			s += "（" + d.Hint.In(lang) + "）"
		} else {
			s += " (" + d.Hint.In(lang) + ")"
		}
	}
	return s
}

// StringIn renders every problem of e, then every warning, in lang, one a line.
func (e *Error) StringIn(lang string) string {
	var b strings.Builder
	for i, d := range append(append([]Diagnostic(nil), e.Items...), e.Warnings...) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.StringIn(lang))
	}
	return b.String()
}

// LangFromEnv returns "ja" when LC_ALL, LC_MESSAGES or LANG (the first
// non-empty one, in that order) starts with "ja", and "en" otherwise.
// A nil getenv reads nothing.
func LangFromEnv(getenv func(string) string) string {
	if getenv == nil {
		return "en"
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(v, "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}

// Summary returns the closing line of a run that found n problems.
func Summary(n int, lang string) string {
	return T("tebiki: %d problem(s); nothing was written", n).In(lang)
}

// jaFormat is a parsed Japanese format of the catalogue.
type jaFormat struct {
	format string
	parts  []jaPart
	nargs  int
}

// jaPart is literal text, or (when verb is set) the value arg filled in with verb.
type jaPart struct {
	text string
	arg  int
	verb byte
}

var catalogue = sync.OnceValue(func() map[string]jaFormat {
	m, err := compileCatalogue(messages, terms)
	if err != nil {
		panic("diag: " + err.Error())
	}
	return m
})

func lookup(key string) (jaFormat, bool) {
	f, ok := catalogue()[key]
	return f, ok
}

func compileCatalogue(tables ...[][2]string) (map[string]jaFormat, error) {
	m := map[string]jaFormat{}
	for _, table := range tables {
		for _, p := range table {
			if _, dup := m[p[0]]; dup {
				return nil, fmt.Errorf("%q is listed twice", p[0])
			}
			f, err := parseJa(p[1], len(verbs(p[0])))
			if err != nil {
				return nil, err
			}
			m[p[0]] = f
		}
	}
	return m, nil
}

// verbs returns the verbs of an English format, in order ('%%' excluded).
func verbs(f string) []byte {
	var vs []byte
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 >= len(f) {
			continue
		}
		i++
		if f[i] != '%' {
			vs = append(vs, f[i])
		}
	}
	return vs
}

// parseJa parses a Japanese format for a message of nargs values. It uses
// the verbs %s, %v, %q and %d as fmt does, may reorder the values with
// %[2]s, and has two more verbs:
//
//	%w  the value translated with the word list (terms), as it is when not listed
//	%m  the value translated as a whole message (its key), as it is when not known
//
// A value that is a Text is translated whatever the verb.
func parseJa(f string, nargs int) (jaFormat, error) {
	out := jaFormat{format: f, nargs: nargs}
	next := 0
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out.parts = append(out.parts, jaPart{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit.WriteByte(f[i])
			continue
		}
		i++
		if i >= len(f) {
			return out, fmt.Errorf("%q: %% at the end", f)
		}
		if f[i] == '%' {
			lit.WriteByte('%')
			continue
		}
		if f[i] == '[' {
			end := strings.IndexByte(f[i:], ']')
			if end < 0 {
				return out, fmt.Errorf("%q: unclosed [", f)
			}
			n, err := strconv.Atoi(f[i+1 : i+end])
			if err != nil || n < 1 {
				return out, fmt.Errorf("%q: bad index %q", f, f[i+1:i+end])
			}
			next = n - 1
			i += end + 1
			if i >= len(f) {
				return out, fmt.Errorf("%q: index without a verb", f)
			}
		}
		switch f[i] {
		case 's', 'v', 'q', 'd', 'w', 'm':
		default:
			return out, fmt.Errorf("%q: unsupported verb %%%c", f, f[i])
		}
		if next >= nargs {
			return out, fmt.Errorf("%q: value %d of %d", f, next+1, nargs)
		}
		flush()
		out.parts = append(out.parts, jaPart{arg: next, verb: f[i]})
		next++
	}
	flush()
	return out, nil
}

// render fills the Japanese format with args.
func (f jaFormat) render(args []any) string {
	var b strings.Builder
	dropSpace := false // the last value ends in Japanese: drop a space before Japanese text
	for _, p := range f.parts {
		if p.verb == 0 {
			lit := p.text
			if dropSpace && len(lit) > 1 && lit[0] == ' ' {
				if r, _ := utf8.DecodeRuneInString(lit[1:]); r >= utf8.RuneSelf {
					lit = lit[1:]
				}
			}
			dropSpace = false
			b.WriteString(lit)
			continue
		}
		dropSpace = false
		if p.arg >= len(args) {
			b.WriteString("%!" + string(p.verb) + "(MISSING)")
			continue
		}
		s, ok := value(args[p.arg], p.verb)
		if ok && s != "" {
			// Japanese text joins the Japanese around it without spaces.
			if first, _ := utf8.DecodeRuneInString(s); first >= utf8.RuneSelf {
				if before, found := strings.CutSuffix(b.String(), " "); found {
					if r, _ := utf8.DecodeLastRuneInString(before); r >= utf8.RuneSelf {
						b.Reset()
						b.WriteString(before)
					}
				}
			}
			last, _ := utf8.DecodeLastRuneInString(s)
			dropSpace = last >= utf8.RuneSelf
		}
		b.WriteString(s)
	}
	return b.String()
}

// value formats one value for a Japanese format and reports whether it was
// translated.
func value(a any, verb byte) (string, bool) {
	if t, ok := a.(Text); ok {
		return t.in("ja")
	}
	switch verb {
	case 'w', 'm':
		s := fmt.Sprint(a)
		if f, ok := lookup(s); ok && f.nargs == 0 {
			return f.render(nil), true
		}
		return s, false
	}
	return fmt.Sprintf("%"+string(verb), a), false
}

// FileError is err, from reading a file or folder, as a value for a message:
// the common causes (no such file, no permission) are messages of the
// catalogue, without the path, which the position gives; others are err.
func FileError(err error) any {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return T("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return T("permission denied")
	}
	return err
}
