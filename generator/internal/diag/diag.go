// Package diag collects positioned diagnostics. Every stage of the build reports
// problems here instead of stopping at the first one, so a single run of
// `tebiki build` or `tebiki check` lists everything that needs fixing, each as
// "file:line:col: message".
//
// It owns the messages: each is a key of the catalogue (ja.go, English and
// Japanese side by side) with its values, formatted only when shown, in the
// reader's language (see Text). Problems are errors, which stop a build, or
// warnings, which do not. It imports nothing of Tebiki's, so every stage
// can use it.
package diag

import (
	"fmt"
	"sort"
	"sync"
)

// Pos is a position in a source file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File      string
	Line, Col int
}

// String renders the position as file:line:col, dropping unknown parts.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem found in the input: an error, which stops the
// build, or a warning, which is shown but does not.
type Diagnostic struct {
	Pos     Pos
	Msg     Text
	Hint    Text // what to do about it; optional
	Warning bool
}

// String renders d in English: "file:line:col: message (hint)".
func (d Diagnostic) String() string { return d.StringIn("en") }

// same reports whether d and o render the same.
func (d Diagnostic) same(o Diagnostic) bool {
	return d.Pos == o.Pos && d.Warning == o.Warning && d.Msg.String() == o.Msg.String() && d.Hint.String() == o.Hint.String()
}

// List accumulates diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
	n     int             // errors among items
	roots map[string]bool // files whose problems explain others: shown first
}

// Add records a problem at pos. The format is the message's key in the
// catalogue (see ja.go): it is looked up when the message is shown, and the
// arguments are filled into the format of the reader's language.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.Report(Diagnostic{Pos: pos, Msg: T(format, args...)})
}

// AddHint records a problem at pos with a hint of what to do. The hint is a
// key of the catalogue, as the format is.
func (l *List) AddHint(pos Pos, hint, format string, args ...any) {
	l.Report(Diagnostic{Pos: pos, Msg: T(format, args...), Hint: T(hint)})
}

// AddHintT is AddHint for a hint with arguments of its own.
func (l *List) AddHintT(pos Pos, hint Text, format string, args ...any) {
	l.Report(Diagnostic{Pos: pos, Msg: T(format, args...), Hint: hint})
}

// Warn records a warning at pos: shown with the problems, but it does not
// stop a build. hint may be the zero Text.
func (l *List) Warn(pos Pos, hint Text, format string, args ...any) {
	l.Report(Diagnostic{Pos: pos, Msg: T(format, args...), Hint: hint, Warning: true})
}

// Root marks file as a root cause: a file that could not be read or
// decoded, whose problems explain others (the caller leaves out what they
// explain). Its problems are shown before all others, so the cause comes
// first even in a long list.
func (l *List) Root(file string) {
	l.mu.Lock()
	if l.roots == nil {
		l.roots = map[string]bool{}
	}
	l.roots[file] = true
	l.mu.Unlock()
}

// Report records d as it is.
func (l *List) Report(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	if !d.Warning {
		l.n++
	}
	l.mu.Unlock()
}

// Merge adds the problems and warnings recorded in o to l.
func (l *List) Merge(o *List) {
	o.mu.Lock()
	items, n := o.items, o.n
	var roots []string
	for f := range o.roots {
		roots = append(roots, f)
	}
	o.mu.Unlock()
	l.mu.Lock()
	l.items = append(l.items, items...)
	l.n += n
	l.mu.Unlock()
	for _, f := range roots {
		l.Root(f)
	}
}

// Len reports how many problems (errors, not warnings) were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Items returns the problems (errors) sorted by file, line, column and
// message, without duplicates; the problems of root files (see Root) first.
func (l *List) Items() []Diagnostic { return l.sorted(false) }

// Warnings returns the warnings, sorted as Items sorts the problems.
func (l *List) Warnings() []Diagnostic { return l.sorted(true) }

func (l *List) sorted(warnings bool) []Diagnostic {
	l.mu.Lock()
	var items []Diagnostic
	for _, d := range l.items {
		if d.Warning == warnings {
			items = append(items, d)
		}
	}
	roots := make(map[string]bool, len(l.roots))
	for f := range l.roots {
		roots[f] = true
	}
	l.mu.Unlock()
	msgs := make([]string, len(items))
	for i := range items {
		msgs[i] = items[i].Msg.String()
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := items[idx[i]], items[idx[j]]
		if ra, rb := roots[a.Pos.File], roots[b.Pos.File]; ra != rb {
			return ra
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return msgs[idx[i]] < msgs[idx[j]]
	})
	out := make([]Diagnostic, 0, len(items))
	for _, i := range idx {
		d := items[i]
		if len(out) > 0 && d.same(out[len(out)-1]) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Err returns nil when no problem (error) was recorded, and an *Error holding
// every problem, and the warnings, otherwise.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Items: l.Items(), Warnings: l.Warnings()}
}

// Error is returned by a stage that found problems in its input.
type Error struct {
	Items    []Diagnostic // the problems
	Warnings []Diagnostic // shown with them; they do not stop a build on their own
}

// Error renders the problems in English, one a line.
func (e *Error) Error() string { return e.StringIn("en") }

// LineCol converts a byte offset in src to a 1-based line and column.
// The column counts characters (runes), as editors show them.
// For many offsets in one file, index it once with NewLines.
func LineCol(src []byte, off int) (line, col int) {
	return NewLines(src).LineCol(off)
}
