package content

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// oldGenerate is the heading id as it was made before ids.Generate stopped
// copying the text (strings.ToLower, then a strings.Builder).
func oldGenerate(s *ids, value []byte) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(string(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case (unicode.IsSpace(r) || r == '-' || r == '_') && b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if id == "" {
		id = "section"
	}
	base := id
	i := max(s.next[base], 1)
	for s.seen[id] {
		id = base + "-" + strconv.Itoa(i)
		i++
	}
	if id != base {
		s.next[base] = i - 1
	}
	s.seen[id] = true
	return id
}

// Heading ids are what they were: case, spaces, punctuation, Japanese,
// invalid UTF-8, repeats.
func TestHeadingIDsAsBefore(t *testing.T) {
	headings := []string{
		"Contact", "contact", "CONTACT", "Contact us", "  Contact -- us__now  ", "手続きの場所", "手続きの場所",
		"ＡＢＣ Ｄ", "ΣΑΣ", "İstanbul", "\u212Aelvin", "K\xffL", "\xff", "", "!!!", "---", "section", "Section",
		"Section 1", "section-1", "3か月 前", "Ｑ＆Ａ", "a\tb\nc", "x-", "-x-", "Ǆ ǅ ǆ", "😀 emoji", "contact-1",
	}
	old, cur := newIDs(), newIDs()
	for _, r := range []string{"contact", "窓口-2"} {
		old.Put([]byte(r))
		cur.Put([]byte(r))
	}
	for round := range 3 {
		for _, h := range headings {
			want := oldGenerate(old, []byte(h))
			if got := string(cur.Generate([]byte(h), 0)); got != want {
				t.Errorf("round %d: id of %q = %q; want %q", round, h, got, want)
			}
		}
	}
}

// An id not taken yet costs two allocations: the id and the key that
// keeps it taken (it cost three: a copy of the text, the builder's, the
// id as bytes, the key sharing the builder's string).
func TestHeadingIDAllocations(t *testing.T) {
	const n = 200
	var values [n][]byte
	for i := range values {
		values[i] = fmt.Appendf(nil, "手続き の 場所 %d", i)
	}
	perID := testing.AllocsPerRun(10, func() {
		s := newIDs()
		for _, v := range values {
			s.Generate(v, 0)
		}
	}) / n
	t.Logf("%.2f allocations per id", perID)
	if perID > 2.5 { // the maps' growth, shared by the ids
		t.Errorf("%.2f allocations per id; want at most 2.5", perID)
	}
}
