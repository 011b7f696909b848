package jatext

import (
	"strings"
	"testing"
)

// HTML keeps what it made per language of the page: the same text asked
// for again, on a page in the same or in the other language, gives what
// it gives the first time.
func TestHTMLMemoizedPerLanguage(t *testing.T) {
	const s = "本人確認書類をお持ちください (ID)"
	fresh := func(lang string) string {
		var b strings.Builder
		Write(&b, lang, s)
		return b.String()
	}
	for range 2 {
		for _, lang := range []string{"ja", "en", "ja"} {
			if got, want := string(HTML(lang, s)), fresh(lang); got != want {
				t.Errorf("HTML(%q) = %s, want %s", lang, got, want)
			}
		}
	}
	if _, ok := memoized("en", s); !ok {
		t.Error("the HTML was not kept")
	}
}

func BenchmarkHTML(b *testing.B) {
	texts := []string{"本人確認書類をお持ちください", "Bring 本人確認書類 (ID)", "市民課 住民記録係", "平日 8時30分～17時15分"}
	HTML("ja", texts[0]) // the dictionary, loaded once
	for b.Loop() {
		for _, s := range texts {
			HTML("ja", s)
			HTML("en", s)
		}
	}
}

// BenchmarkHTMLParallel asks, from every core, for the HTML of texts met
// before, as the pages of a national site do: half of them with Japanese,
// on pages in Japanese and in English.
func BenchmarkHTMLParallel(b *testing.B) {
	var texts []string
	for i := range 200 {
		texts = append(texts, strings.Repeat("本人確認書類をお持ちください", 1+i%3)+string(rune('a'+i%26)), "Bring your card and a document "+strings.Repeat("x", i%40))
	}
	for _, s := range texts {
		HTML("ja", s)
		HTML("en", s)
	}
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			s := texts[i%len(texts)]
			HTML("ja", s)
			HTML("en", s)
		}
	})
}
