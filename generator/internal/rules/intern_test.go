package rules

import (
	"testing"
	"unsafe"

	"github.com/tebiki/tebiki/wasm/decide"
)

// The same text in different files of the rules (the two cities ask some
// questions in the same words) is kept once: every copy of it is the same
// bytes in memory.
func TestSameTextsKeptOnce(t *testing.T) {
	r, _, errs := load(repo(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	first := map[string]*byte{} // a text's bytes, as first seen
	files := map[string]string{}
	shared, copies := 0, 0
	see := func(file string, tx decide.Text) {
		for _, s := range tx.All() {
			if s == "" {
				continue
			}
			p, ok := first[s]
			if !ok {
				first[s], files[s] = unsafe.StringData(s), file
				continue
			}
			if files[s] != file {
				shared++
			}
			if p != unsafe.StringData(s) {
				copies++
				if copies <= 3 {
					t.Errorf("%q is held twice (%s, %s)", s, files[s], file)
				}
			}
		}
	}
	for _, c := range r.Cities {
		for _, p := range c.Procedures {
			see(p.File, p.Core.Title)
			for _, q := range p.Core.Questions {
				see(p.File, q.Text)
				see(p.File, q.Help)
				for _, a := range q.Answers {
					see(p.File, a.Label)
				}
			}
		}
	}
	if shared == 0 {
		t.Fatal("no text of the rules is in two files: the test shows nothing")
	}
	if copies > 0 {
		t.Errorf("%d texts held again where they were seen before (%d seen in another file than first)", copies, shared)
	}
}
