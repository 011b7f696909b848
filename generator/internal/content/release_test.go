package content

import (
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// A released page holds nothing of its source: not Src or Body, and not
// the line index (which keeps the source to count columns).
func TestReleaseLetsGoOfTheSource(t *testing.T) {
	var errs diag.List
	p := parse("content/a.ja.md", "a", "ja", []byte("---\ntitle: A\n---\n\n本文です。\n"), &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if got := p.Pos(1); got.Line != 5 {
		t.Fatalf("before Release, the body's second byte is at %v, want line 5", got)
	}
	p.Release()
	if p.Src != nil || p.Body != nil || p.lines != nil {
		t.Errorf("after Release: Src %q, Body %q, lines %v", p.Src, p.Body, p.lines)
	}
	if got := p.Pos(1); got.File != "content/a.ja.md" || got.Line != 1 {
		t.Errorf("after Release, a position is %v, want the file's first line", got)
	}
}
