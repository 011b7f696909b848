package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// largePage generates a page of about mb megabytes: paragraphs with a link
// to another page and an external link, and a heading every ten.
func largePage(mb int) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: 大きなページ\n---\n\n")
	for i := 0; b.Len() < mb<<20; i++ {
		if i%10 == 0 {
			b.WriteString("## 窓口\n\n") // the same heading again and again: ids contact, contact-1, …
		}
		b.WriteString("更新の手続きは[窓口](../_index.md)でできます。詳しくは[こちら](https://www.example.jp/)を見てください。Renewal is done at the counter.\n\n")
	}
	return []byte(b.String())
}

// BenchmarkLargePage parses and renders pages of 1, 4 and 16 MB: the time
// per MB stays the same as the page grows (it grew with the square of the
// size when every position was counted from the start of the file).
func BenchmarkLargePage(b *testing.B) {
	r := NewRenderer()
	resolve := func(string) (string, bool) { return "../index.html", true }
	for _, mb := range []int{1, 4, 16} {
		src := largePage(mb)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				errs := &diag.List{}
				p := parse("content/sanda/big.ja.md", "sanda/big", "ja", src, errs)
				r.Render(p, resolve, errs)
				if errs.Len() > 0 {
					b.Fatal(errs.Err())
				}
			}
		})
	}
}

// The heading ids of a page with many headings of the same text are the
// text, then the text with -1, -2, … in order, skipping ids taken already.
func TestRepeatedHeadingIDs(t *testing.T) {
	s := newIDs()
	s.Put([]byte("窓口-2"))
	var got []string
	for range 5 {
		got = append(got, string(s.Generate([]byte("窓口"), 0)))
	}
	got = append(got, string(s.Generate([]byte("窓口 1"), 0)))
	want := "窓口 窓口-1 窓口-3 窓口-4 窓口-5 窓口-1-1"
	if strings.Join(got, " ") != want {
		t.Errorf("ids %q; want %q", strings.Join(got, " "), want)
	}
}
