package site

import (
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
