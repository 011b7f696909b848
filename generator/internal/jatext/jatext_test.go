package jatext

import (
	"strings"
	"testing"
)

// Words that must never be cut: compound nouns, numbers with their
// counters, names (the splits an audit found on the pages).
var whole = []string{"成年後見人", "成年被後見人", "3か月", "方式", "岩瀬庁舎", "照会書兼回答書", "市民課7番窓口", "本人確認書類", "8時30分", "2027年3月1日"}

func TestPhrasesKeepWordsWhole(t *testing.T) {
	texts := []string{
		"法定代理人（親権者や成年後見人）",
		"更新の手続きは、有効期限の3か月前からできます。",
		"有効期限の日まで3か月未満になると、更新を申請できます。",
		"本人の意思と暗証番号を文書で確認する方式になるため、その日のうちには更新できません。",
		"岩瀬庁舎",
		"J-LISから届いた「照会書兼回答書」",
		"三田市役所 市民課7番窓口",
		"来庁される方の本人確認書類（官公署が発行した顔写真付きのもの）",
		"平日 8時30分～17時00分",
		"2027年3月1日から",
		"15歳未満または成年被後見人などのとき",
	}
	for _, s := range texts {
		ps := Phrases(s)
		if strings.Join(ps, "") != s {
			t.Errorf("%q: phrases %q do not give the text back", s, ps)
		}
		for _, w := range whole {
			i := strings.Index(s, w)
			if i < 0 {
				continue
			}
			// No phrase boundary may fall strictly inside the word.
			off := 0
			for _, p := range ps {
				off += len(p)
				if off > i && off < i+len(w) {
					t.Errorf("%q: %q is cut: %q", s, w, ps)
				}
			}
		}
		if len(ps) < 2 && len([]rune(s)) > 12 {
			t.Errorf("%q: not cut at all: %q", s, ps)
		}
	}
}

func TestPhrasesCutSentences(t *testing.T) {
	got := strings.Join(Phrases("必ず封をした状態でお持ちください。"), "|")
	if got != "必ず|封を|した|状態で|お持ちください。" {
		t.Errorf("got %s", got)
	}
}

func TestRuns(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Iwase Government Building (岩瀬庁舎)", "Iwase Government Building (|[岩瀬庁舎]|)"},
		{"2-1-1 Miwa, Sanda, Hyogo 669-1595 (〒669-1595 三田市三輪2丁目1番1号)", "2-1-1 Miwa, Sanda, Hyogo 669-1595 (|[〒669-1595 三田市三輪2丁目1番1号]|)"},
		{"Its full name is 署名用電子証明書・利用者証明書 照会書兼回答書; it comes", "Its full name is |[署名用電子証明書・利用者証明書 照会書兼回答書]|; it comes"},
		{"counter 7 (7番窓口)", "counter 7 (|[7番窓口]|)"},
		{"no Japanese", "no Japanese"},
		{"日本語", "[日本語]"},
	} {
		var parts []string
		for _, r := range Runs(c.in) {
			if r.Japanese {
				parts = append(parts, "["+r.Text+"]")
			} else {
				parts = append(parts, r.Text)
			}
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("Runs(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestHTML(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", "Iwase Government Building (岩瀬庁舎)", `Iwase Government Building (<span lang="ja" translate="no">岩瀬庁舎</span>)`},
		{"en", "Free of charge (無料)", `Free of charge (<span lang="ja" translate="no">無料</span>)`},
		{"en", "A & B", "A &amp; B"},
		{"ja", "必ず封をした状態でお持ちください。", "必ず<wbr>封を<wbr>した<wbr>状態で<wbr>お持ちください。"},
		{"ja", "三田市役所 市民課7番窓口", "三田市役所 市民課7番窓口"},
		{"en", "the inquiry <and> 照会書兼回答書を", `the inquiry &lt;and&gt; <span lang="ja">照会書兼回答書を</span>`},
	} {
		if got := string(HTML(c.lang, c.in)); got != c.want {
			t.Errorf("HTML(%s, %q) =\n%s\nwant\n%s", c.lang, c.in, got, c.want)
		}
	}
}

// Pages are rendered in parallel: cutting must be safe from many goroutines.
func TestPhrasesConcurrent(t *testing.T) {
	done := make(chan string)
	for i := range 8 {
		go func() {
			s := strings.Repeat("有効期限の3か月前から更新できます。", i+1)
			done <- strings.Join(Phrases(s), "")
		}()
	}
	for range 8 {
		if got := <-done; !strings.HasPrefix(got, "有効期限の3か月前から") {
			t.Errorf("got %q", got)
		}
	}
}
