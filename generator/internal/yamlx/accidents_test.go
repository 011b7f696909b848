package yamlx

import (
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

func TestAccidents(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the problems, one a line; "" for none
	}{
		{"full-width colon", "name：\n  ja: 三田市\n", `f.yaml:1:5: full-width colon "：" after the key "name" (write the colon in half-width: "name:")`},
		{"full-width colon in a list", "offices:\n  - id： city_hall\n", `f.yaml:2:7: full-width colon "：" after the key "id" (write the colon in half-width: "id:")`},
		{"full-width space after the colon", "name:\n  ja:　三田市\n", `f.yaml:2:6: full-width space (U+3000) after the colon of "ja" (put a half-width space after the colon)`},
		{"full-width space in the indentation", "name:\n　ja: 三田市\n", `f.yaml:2:1: full-width space (U+3000) in the indentation (indent with half-width spaces)`},
		{"after half-width indentation", "name:\n  　en: Sanda\n", `f.yaml:2:3: full-width space (U+3000) in the indentation (indent with half-width spaces)`},
		{"two at once", "a：1\nb：2\n", "f.yaml:1:2: full-width colon \"：\" after the key \"a\" (write the colon in half-width: \"a:\")\nf.yaml:2:2: full-width colon \"：\" after the key \"b\" (write the colon in half-width: \"b:\")"},
		// Japanese text holds both, and is left alone.
		{"in a value", "note:\n  ja: 受付時間：平日　8時30分から\n", ""},
		{"in a quoted value", "note: \"TEL：079　559\"\n", ""},
		{"in a comment", "# 注意：このファイルは\nname: x\n", ""},
		{"in a block scalar", "note:\n  ja: |\n    　本文の段落です。\n    tel：079-559-5044\n    ja：ではありません\n  en: x\n", ""},
		{"after a block scalar", "note:\n  ja: |-\n    text\nname：x\n", `f.yaml:4:5: full-width colon "：" after the key "name" (write the colon in half-width: "name:")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := &diag.List{}
			d := &Decoder{File: "f.yaml", Errs: errs}
			n := d.Parse([]byte(tt.src))
			var got []string
			for _, it := range errs.Items() {
				got = append(got, it.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
			if (n == nil) != (tt.want != "") {
				t.Errorf("Parse returned %v", n)
			}
		})
	}
}

// BenchmarkAccidents measures the look for full-width colons and spaces on
// a rule file full of Japanese text holding both (the worst case).
func BenchmarkAccidents(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		sb.WriteString("- id: office_" + strings.Repeat("x", i%7) + "\n  note:\n    ja: 受付時間：平日　8時30分から17時15分まで\n    en: Weekdays\n  text:\n    ja: |\n      　本文：段落\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d := &Decoder{File: "f.yaml", Errs: &diag.List{}}
		if d.accidents(src) {
			b.Fatal("found an accident in correct text")
		}
	}
}
