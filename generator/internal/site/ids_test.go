package site

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
)

// idAttrs must find exactly what the regular expression it replaced found.
func TestIDAttrsMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\sid="([^"]*)"`)
	for _, page := range []string{
		``,
		`<h2 id="a">x</h2><p id="">y</p>`,
		`<div data-id="no" id="yes"><span\nid="nl">`,
		`<a id="x"` + "\t" + `id="tab"` + "\n" + `id="newline">`,
		`id="start-of-page"`,
		`<p id="unterminated`,
		`<p id=" spaced ">`,
		`<p id="a"id="b" id="c">`,
		`<h2 id="&#34;q&#34;">`,
	} {
		var want []string
		for _, m := range re.FindAllStringSubmatch(page, -1) {
			want = append(want, m[1])
		}
		if got := idAttrs([]byte(page)); !slices.Equal(got, want) {
			t.Errorf("idAttrs(%q) = %q, want %q", page, got, want)
		}
	}
}

// A page's ids take two allocations, not one each.
func TestIDAttrsAllocations(t *testing.T) {
	var page []byte
	for i := range 30 {
		page = fmt.Appendf(page, `<h2 id="part-%d">Part %d</h2>`+"\n", i, i)
	}
	if ids := idAttrs(page); len(ids) != 30 || ids[0] != "part-0" || ids[29] != "part-29" {
		t.Fatalf("idAttrs = %q", ids)
	}
	if allocs := testing.AllocsPerRun(20, func() { idAttrs(page) }); allocs > 2 {
		t.Errorf("30 ids took %v allocations, want 2", allocs)
	}
}
