package diag

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// naiveLineCol counts from the start of src, as positions were found before
// the line index.
func naiveLineCol(src []byte, off int) (line, col int) {
	line, col = 1, 1
	for _, r := range string(src[:min(off, len(src))]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

func TestLinesMatchCounting(t *testing.T) {
	for _, src := range []string{
		"",
		"a",
		"\n",
		"\n\n\n",
		"title: 更新\nbody\n",
		"窓口は[市民課](a.md)です。\nno newline at the end",
		strings.Repeat("日本語 and English\n", 50) + "最後",
		"a\xe6\x9bb 更\x80新\n\xff\xfe窓口",
	} {
		l := NewLines([]byte(src))
		// In order, backwards, and jumping about: the cache of the last
		// lookup must not change an answer.
		var offs []int
		for off := 0; off <= len(src)+2; off++ {
			offs = append(offs, off)
		}
		for off := len(src) + 2; off >= 0; off-- {
			offs = append(offs, off)
		}
		for i := 0; i <= len(src); i += 7 {
			offs = append(offs, i, len(src)-i, i/2)
		}
		for _, off := range offs {
			line, col := l.LineCol(off)
			wl, wc := naiveLineCol([]byte(src), off)
			if line != wl || col != wc {
				t.Fatalf("%q at %d: %d:%d; counting gives %d:%d", src, off, line, col, wl, wc)
			}
		}
	}
}

func TestTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"big.md":   {Data: make([]byte, MaxFileSize+1)},
		"limit.md": {Data: make([]byte, MaxFileSize)},
	}
	errs := &List{}
	if TooLarge(fsys, "limit.md", errs) || errs.Len() != 0 {
		t.Errorf("a file of exactly %d bytes is refused", MaxFileSize)
	}
	if !TooLarge(fsys, "big.md", errs) {
		t.Fatal("a file over the limit is accepted")
	}
	want := "big.md:1:1: the file is too large (33 MB) (split it into files under 32 MB)"
	if got := errs.Items()[0].String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if ja := errs.Items()[0].StringIn("ja"); !strings.Contains(ja, "ファイルが大きすぎます（33 MB）") || !strings.Contains(ja, "32 MB より小さい") {
		t.Errorf("ja: %q", ja)
	}
}

// BenchmarkLineCol looks up the position of every 100th byte of a 20 MB
// file: with the line index the time per lookup does not grow with the file.
func BenchmarkLineCol(b *testing.B) {
	for _, mb := range []int{1, 20} {
		var sb strings.Builder
		for sb.Len() < mb<<20 {
			sb.WriteString("更新の手続きは[窓口](../_index.md)でできます。Renewal is done at the counter.\n\n")
		}
		src := []byte(sb.String())
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			l := NewLines(src)
			b.ResetTimer()
			n := 0
			for b.Loop() {
				for off := 0; off < len(src); off += 100 {
					l.LineCol(off)
					n++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/lookup")
		})
	}
}

func BenchmarkNewLines(b *testing.B) {
	src := []byte(strings.Repeat("更新の手続きは[窓口](../_index.md)でできます。\n", 20<<20/70))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		NewLines(src)
	}
}
