// Package diag collects positioned diagnostics. Every stage of the build reports
// problems here instead of stopping at the first one, so a single run of
// `tebiki build` or `tebiki check` lists everything that needs fixing, each as
// "file:line:col: message".
package diag

import (
	"fmt"
	"sort"
	"strings"
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

// Diagnostic is one problem found in the input.
type Diagnostic struct {
	Pos  Pos
	Msg  string
	Hint string // what to do about it; optional
}

func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Msg
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// List accumulates diagnostics. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a problem at pos.
func (l *List) Add(pos Pos, msg string, args ...any) {
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	l.mu.Lock()
	l.items = append(l.items, Diagnostic{Pos: pos, Msg: msg})
	l.mu.Unlock()
}

// AddHint records a problem at pos with a hint of what to do.
func (l *List) AddHint(pos Pos, hint, msg string, args ...any) {
	if len(args) > 0 {
		msg = fmt.Sprintf(msg, args...)
	}
	l.mu.Lock()
	l.items = append(l.items, Diagnostic{Pos: pos, Msg: msg, Hint: hint})
	l.mu.Unlock()
}

// Merge adds the problems recorded in o to l.
func (l *List) Merge(o *List) {
	o.mu.Lock()
	items := o.items
	o.mu.Unlock()
	l.mu.Lock()
	l.items = append(l.items, items...)
	l.mu.Unlock()
}

// Len reports how many problems were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Items returns the problems sorted by file, line, column and message, without duplicates.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	items := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := items[:0]
	for i, d := range items {
		if i > 0 && d == items[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Err returns nil when the list is empty, and an *Error holding every problem otherwise.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Items: l.Items()}
}

// Error is returned by a stage that found problems in its input.
type Error struct{ Items []Diagnostic }

func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// LineCol converts a byte offset in src to a 1-based line and column.
// The column counts characters (runes), as editors show them.
// For many offsets in one file, index it once with NewLines.
func LineCol(src []byte, off int) (line, col int) {
	return NewLines(src).LineCol(off)
}

// Suggest returns the candidate closest to s by edit distance, or "" when none is close.
func Suggest(s string, candidates []string) string {
	best, bestD := "", len(s)/2+2
	for _, c := range candidates {
		if d := distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
