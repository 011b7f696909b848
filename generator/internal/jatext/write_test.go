package jatext

import (
	"bufio"
	"html"
	"io"
	"strings"
	"testing"
)

// writeRef is Write as it was before WriteTo: every run and every phrase
// escaped by html.EscapeString into a strings.Builder.
func writeRef(lang, s string) string {
	var b strings.Builder
	for _, r := range Runs(s) {
		if !r.Japanese {
			b.WriteString(html.EscapeString(r.Text))
			continue
		}
		if !JapanesePage(lang) {
			b.WriteString(`<span lang="ja"`)
			if IsName(r.Text) {
				b.WriteString(` translate="no"`)
			}
			b.WriteString(`>`)
		}
		for i, p := range Phrases(r.Text) {
			if i > 0 && !endsSpace(Phrases(r.Text)[i-1]) && !startsSpace(p) {
				b.WriteString("<wbr>")
			}
			b.WriteString(html.EscapeString(p))
		}
		if !JapanesePage(lang) {
			b.WriteString(`</span>`)
		}
	}
	return b.String()
}

var writeTexts = []string{
	"",
	"plain English & <tags> 'quoted' \"double\"",
	"更新の手続きは、有効期限の3か月前からできます。",
	"Bring the 「照会書兼回答書」 & your card <to> the 市民課7番窓口 by 8時30分.",
	"〒669-1595 三田市三輪2丁目1番1号 'A&B' <b>",
	"岩瀬庁舎",
	"a&b<c>d'e\"f 成年後見人&\"'<>",
	"&&&<<<>>>'''\"\"\"",
}

// WriteTo writes what Write wrote, into any writer, on pages in Japanese
// and in other languages.
func TestWriteToSameAsBefore(t *testing.T) {
	for _, lang := range []string{"ja", "ja-JP", "en", "vi"} {
		for _, s := range writeTexts {
			want := writeRef(lang, s)
			var b strings.Builder
			WriteTo(&b, lang, s)
			if b.String() != want {
				t.Errorf("WriteTo(%q, %q) = %q; want %q", lang, s, b.String(), want)
			}
			var sb strings.Builder
			Write(&sb, lang, s)
			if sb.String() != want {
				t.Errorf("Write(%q, %q) = %q; want %q", lang, s, sb.String(), want)
			}
			var bb strings.Builder
			bw := bufio.NewWriterSize(&bb, 16) // small: text crosses its flushes
			WriteTo(bw, lang, s)
			_ = bw.Flush()
			if bb.String() != want {
				t.Errorf("WriteTo(bufio, %q, %q) = %q; want %q", lang, s, bb.String(), want)
			}
		}
	}
}

// Text whose phrases are known is written into a buffered writer without
// allocating, escaped or not (Write built the whole HTML in a string, which
// the Markdown renderer then copied, and escaped each phrase into a string
// of its own).
func TestWriteToDoesNotAllocate(t *testing.T) {
	w := bufio.NewWriterSize(io.Discard, 4096)
	for _, lang := range []string{"ja", "en"} {
		for _, s := range writeTexts {
			WriteTo(w, lang, s) // cut the text first
			if n := testing.AllocsPerRun(20, func() { WriteTo(w, lang, s) }); n != 0 {
				t.Errorf("WriteTo(%q, %q): %v allocations; want 0", lang, s, n)
			}
		}
	}
}

// BenchmarkWriteTo writes texts already cut, on a Japanese page and on an
// English one (where each Japanese run is also asked whether it is a name).
func BenchmarkWriteTo(b *testing.B) {
	w := bufio.NewWriterSize(io.Discard, 4096)
	for _, lang := range []string{"ja", "en"} {
		for _, s := range writeTexts {
			WriteTo(w, lang, s)
		}
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				for _, s := range writeTexts {
					WriteTo(w, lang, s)
				}
			}
		})
	}
}
