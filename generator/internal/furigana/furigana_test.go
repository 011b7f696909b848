package furigana

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// glossary parses src as a glossary and fails the test on any problem.
func glossary(t testing.TB, src string) *Glossary {
	t.Helper()
	errs := &diag.List{}
	g := Parse(File, []byte(src), errs)
	if err := errs.Err(); err != nil {
		t.Fatalf("glossary %q: %v", src, err)
	}
	return g
}

// siteGlossary is the repository's own glossary.yaml.
func siteGlossary(t testing.TB) *Glossary {
	t.Helper()
	errs := &diag.List{}
	g := Load(os.DirFS("../../.."), errs)
	if err := errs.Err(); err != nil {
		t.Fatalf("glossary.yaml: %v", err)
	}
	return g
}

func annotate(t *testing.T, src string, g *Glossary) string {
	t.Helper()
	out, _ := Annotate(src, g)
	return out
}

// Sentences from rules/ and content/, read by the dictionary and the
// repository's glossary.
func TestAnnotateSentences(t *testing.T) {
	g := siteGlossary(t)
	for _, c := range []struct{ in, want string }{
		{"電子証明書の有効期限まで、あとどのくらいですか。",
			"<ruby>電子<rt>でんし</rt></ruby><ruby>証明<rt>しょうめい</rt></ruby><ruby>書<rt>しょ</rt></ruby>の<ruby>有効<rt>ゆうこう</rt></ruby><ruby>期限<rt>きげん</rt></ruby>まで、あとどのくらいですか。"},
		{"照会書兼回答書を持ってきてください。",
			"<ruby>照会書兼回答書<rt>しょうかいしょけんかいとうしょ</rt></ruby>を<ruby>持<rt>も</rt></ruby>ってきてください。"},
		{"三田市役所 1階 市民課",
			"<ruby>三田市<rt>さんだし</rt></ruby><ruby>役所<rt>やくしょ</rt></ruby> 1<ruby>階<rt>かい</rt></ruby> <ruby>市民<rt>しみん</rt></ruby><ruby>課<rt>か</rt></ruby>"},
		{"窓口に行くのは、だれですか。",
			"<ruby>窓口<rt>まどぐち</rt></ruby>に<ruby>行<rt>い</rt></ruby>くのは、だれですか。"},
		// Okurigana stay outside the ruby, inside a word too.
		{"申し込みを受け付けた後",
			"<ruby>申<rt>もう</rt></ruby>し<ruby>込<rt>こ</rt></ruby>みを<ruby>受<rt>う</rt></ruby>け<ruby>付<rt>つ</rt></ruby>けた<ruby>後<rt>あと</rt></ruby>"},
		// Built-in corrections of the dictionary.
		{"どなたが窓口に来られるか", "どなたが<ruby>窓口<rt>まどぐち</rt></ruby>に<ruby>来<rt>こ</rt></ruby>られるか"},
		{"2回目の来庁", "2<ruby>回<rt>かい</rt></ruby><ruby>目<rt>め</rt></ruby>の<ruby>来庁<rt>らいちょう</rt></ruby>"},
		{"だれが何を持っていけばいいか", "だれが<ruby>何<rt>なに</rt></ruby>を<ruby>持<rt>も</rt></ruby>っていけばいいか"},
		{"代理人の方は", "<ruby>代理人<rt>だいりにん</rt></ruby>の<ruby>方<rt>かた</rt></ruby>は"},
		{"〒669-1595 三田市三輪2丁目1番1号",
			"〒669-1595 <ruby>三田市三輪<rt>さんだしみわ</rt></ruby>2<ruby>丁目<rt>ちょうめ</rt></ruby>1<ruby>番<rt>ばん</rt></ruby>1<ruby>号<rt>ごう</rt></ruby>"},
	} {
		if got := annotate(t, c.in, g); got != c.want {
			t.Errorf("Annotate(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// Numbers with counters read as one says them.
func TestAnnotateNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"4月1日", "4<ruby>月<rt>がつ</rt></ruby><ruby>1日<rt>ついたち</rt></ruby>"},
		{"2日から", "<ruby>2日<rt>ふつか</rt></ruby>から"},
		{"15日", "15<ruby>日<rt>にち</rt></ruby>"},
		{"1日に2回", "1<ruby>日<rt>にち</rt></ruby>に2<ruby>回<rt>かい</rt></ruby>"},
		{"8時30分～17時05分", "8<ruby>時<rt>じ</rt></ruby>30<ruby>分<rt>ぷん</rt></ruby>～17<ruby>時<rt>じ</rt></ruby>05<ruby>分<rt>ふん</rt></ruby>"},
		{"1人で", "<ruby>1人<rt>ひとり</rt></ruby>で"},
		{"3人で", "3<ruby>人<rt>にん</rt></ruby>で"},
		{"3か月未満", "3か<ruby>月<rt>げつ</rt></ruby><ruby>未満<rt>みまん</rt></ruby>"},
		{"3ヶ月", "3ヶ<ruby>月<rt>げつ</rt></ruby>"},
		{"2027年", "2027<ruby>年<rt>ねん</rt></ruby>"},
	} {
		if got := annotate(t, c.in, nil); got != c.want {
			t.Errorf("Annotate(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// HTML as the build renders it: tags, entities and the <wbr> of jatext
// stay as they are; words inside elements are read; <wbr> inside a word
// are dropped.
func TestAnnotateHTML(t *testing.T) {
	g := siteGlossary(t)
	for _, c := range []struct{ in, want string }{
		{`<p>窓口に<wbr>行く&amp;<a href="/ja/sanda/" title="三田市">申し込み</a>。</p>`,
			`<p><ruby>窓口<rt>まどぐち</rt></ruby>に<wbr><ruby>行<rt>い</rt></ruby>く&amp;<a href="/ja/sanda/" title="三田市"><ruby>申<rt>もう</rt></ruby>し<ruby>込<rt>こ</rt></ruby>み</a>。</p>`},
		// An entity inside a word stays an entity, inside the ruby.
		{`&#x672C;人と&lt;代理人&gt;`,
			`<ruby>&#x672C;人<rt>ほんにん</rt></ruby>と&lt;<ruby>代理人<rt>だいりにん</rt></ruby>&gt;`},
		// A glossary word across a phrase break: one ruby, no break inside.
		{`照会書<wbr>兼回答書を<wbr>持って`,
			`<ruby>照会書兼回答書<rt>しょうかいしょけんかいとうしょ</rt></ruby>を<wbr><ruby>持<rt>も</rt></ruby>って`},
		{`<strong>本人</strong><span lang="ja" translate="no">市民課</span>`,
			`<strong><ruby>本人<rt>ほんにん</rt></ruby></strong><span lang="ja" translate="no"><ruby>市民<rt>しみん</rt></ruby><ruby>課<rt>か</rt></ruby></span>`},
		{`<img alt="顔写真" src="a.png">写真`, `<img alt="顔写真" src="a.png"><ruby>写真<rt>しゃしん</rt></ruby>`},
	} {
		if got := annotate(t, c.in, g); got != c.want {
			t.Errorf("Annotate(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// Text that cannot or must not take ruby is left as it is.
func TestAnnotateLeavesAlone(t *testing.T) {
	for _, src := range []string{
		`<ruby>漢字<rt>かんじ</rt></ruby>`,
		`<ruby>漢<rt>かん</ruby>`, // </rt> may be left out
		`<script>const s = "行く";</script>`,
		`<style>.x::before { content: "行く"; }</style>`,
		`<title>電子証明書</title>`,
		`<select><option>本人</option></select>`,
		`<textarea>本人</textarea>`,
		`<a title="電子証明書" href="/">abc</a>`,
		`<!-- 電子証明書 -->`,
		`<svg><text>本人</text><title>本人</title></svg>`,
		`<noscript><a title="本人">abc</a></noscript>`,
		`no kanji at all &amp; <b>bold</b>`,
		`<p>cut at the end <a href="x`,
	} {
		if got := annotate(t, src, nil); got != src {
			t.Errorf("Annotate(%q) = %q; want it unchanged", src, got)
		}
	}
	// The content of <noscript> is HTML, read as such.
	if got, want := annotate(t, `<noscript><a title="本人">本人</a></noscript>`, nil), `<noscript><a title="本人"><ruby>本人<rt>ほんにん</rt></ruby></a></noscript>`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := Missing(`<noscript><a title="写真">本人</a></noscript>`); !reflect.DeepEqual(got, []string{"本人"}) {
		t.Errorf("Missing in noscript = %q", got)
	}
	// After </ruby> closes an unclosed <rt>, text is read again.
	if got, want := annotate(t, `<ruby>漢<rt>かん</ruby>本人`, nil), `<ruby>漢<rt>かん</ruby><ruby>本人<rt>ほんにん</rt></ruby>`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Annotating twice gives what annotating once gives.
func TestAnnotateIdempotent(t *testing.T) {
	g := siteGlossary(t)
	for _, src := range []string{
		"電子証明書の有効期限まで、あとどのくらいですか。",
		"照会書兼回答書を<wbr>持ってきてください。",
		`<p>三田市役所 1階 <a href="/">市民課</a>7番窓口</p>`,
		"4月1日8時30分から、2日間。1人で行く。",
		"地域創生部 市民協働室 市民課（住基担当）",
		"市民協働室", // without the glossary: 働 is unknown and stays bare
	} {
		for _, gl := range []*Glossary{g, nil} {
			once := annotate(t, src, gl)
			if twice := annotate(t, once, gl); twice != once {
				t.Errorf("Annotate(Annotate(%q)):\n once  %s\n twice %s", src, once, twice)
			}
		}
	}
}

// A glossary entry wins over the dictionary, the longest first, across the
// dictionary's word boundaries; a site's entry wins over a built-in one.
func TestGlossaryPrecedence(t *testing.T) {
	if got, want := annotate(t, "三田市", nil), "<ruby>三田<rt>みた</rt></ruby><ruby>市<rt>し</rt></ruby>"; got != want {
		t.Fatalf("without glossary: got %s, want %s (has the dictionary changed?)", got, want)
	}
	g := glossary(t, "三田: さんだ\n三田市役所: さんだしやくしょ\n市民協働室: しみんきょうどうしつ\n日本: にっぽん\n")
	for _, c := range []struct{ in, want string }{
		{"三田市", "<ruby>三田<rt>さんだ</rt></ruby><ruby>市<rt>し</rt></ruby>"},
		{"三田市役所", "<ruby>三田市役所<rt>さんだしやくしょ</rt></ruby>"},
		{"市民協働室", "<ruby>市民協働室<rt>しみんきょうどうしつ</rt></ruby>"},
		{"日本", "<ruby>日本<rt>にっぽん</rt></ruby>"},
	} {
		if got := annotate(t, c.in, g); got != c.want {
			t.Errorf("Annotate(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	if got, want := annotate(t, "日本", nil), "<ruby>日本<rt>にほん</rt></ruby>"; got != want {
		t.Errorf("built-in: got %s, want %s", got, want)
	}
	// Kana in an entry stay outside the ruby.
	g = glossary(t, "取り扱い: とりあつかい\n")
	if got, want := annotate(t, "取り扱い", g), "<ruby>取<rt>と</rt></ruby>り<ruby>扱<rt>あつか</rt></ruby>い"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestUnknownWords(t *testing.T) {
	out, unk := Annotate("地域創生部 市民協働室 市民課", nil)
	want := []Unknown{{Word: "働", Context: "地域創生部 市民協働室 市民課"}}
	if !reflect.DeepEqual(unk, want) {
		t.Errorf("unknown = %+v; want %+v", unk, want)
	}
	// Read again (from the cache of readings): the same report.
	if _, again := Annotate("地域創生部 市民協働室 市民課", nil); !reflect.DeepEqual(again, want) {
		t.Errorf("second time: unknown = %+v; want %+v", again, want)
	}
	if strings.Contains(out, "働<rt>") {
		t.Errorf("an unknown word got a reading: %s", out)
	}
	if m := Missing(out); !reflect.DeepEqual(m, []string{"働"}) {
		t.Errorf("Missing = %q; want [働]", m)
	}
	// A glossary entry, with a reading or false, makes it known.
	for _, src := range []string{"市民協働室: しみんきょうどうしつ\n", "協働: false\n"} {
		g := glossary(t, src)
		out, unk := Annotate("地域創生部 市民協働室 市民課", g)
		if len(unk) != 0 {
			t.Errorf("%q: unknown = %+v; want none", src, unk)
		}
		if m := g.Missing(out); len(m) != 0 {
			t.Errorf("%q: Glossary.Missing = %q; want none", src, m)
		}
	}
	// The context is cut to the words around.
	long := strings.Repeat("あ", 30) + "市民協働室" + strings.Repeat("い", 30)
	_, unk = Annotate(long, nil)
	if len(unk) != 1 || unk[0].Context != strings.Repeat("あ", 9)+"市民協働室"+strings.Repeat("い", 11) {
		t.Errorf("unknown = %+v", unk)
	}
}

func TestMissing(t *testing.T) {
	page := `<!doctype html><html lang="ja"><head><title>電子証明書</title>
<meta name="description" content="案内"><style>p::before{content:"漢"}</style></head>
<body><p><ruby>本人<rt>ほんにん</rt></ruby>と代理人<wbr>窓口<img alt="写真"></p>
<script>var a = "行く";</script><p>代理人<a href="/">市民課</a></p><select><option>本人</option></select></body></html>`
	got := Missing(page)
	want := []string{"代理人窓口", "代理人", "市民課"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %q; want %q", got, want)
	}
	out, _ := Annotate(page, nil)
	if m := Missing(out); len(m) != 0 {
		t.Errorf("Missing after Annotate = %q; want none\n%s", m, out)
	}
}

func TestAlign(t *testing.T) {
	for _, c := range []struct {
		word, reading string
		want          []part // nil: does not fit
	}{
		{"行く", "いく", []part{{0, 1, "い"}, {1, 2, ""}}},
		{"取り扱い", "とりあつかい", []part{{0, 1, "と"}, {1, 2, ""}, {2, 3, "あつか"}, {3, 4, ""}}},
		{"お知らせ", "おしらせ", []part{{0, 1, ""}, {1, 2, "し"}, {2, 4, ""}}},
		{"照会書", "しょうかいしょ", []part{{0, 3, "しょうかいしょ"}}},
		{"ご覧", "ごらん", []part{{0, 1, ""}, {1, 2, "らん"}}},
		{"ヶ月", "かげつ", []part{{0, 1, ""}, {1, 2, "げつ"}}},
		{"行く", "ゆく", []part{{0, 1, "ゆ"}, {1, 2, ""}}},
		{"行く", "いき", nil},
		{"申し込み", "もうしこむ", nil},
		{"三田", "", nil},
		{"3日", "みっか", nil},
	} {
		got, ok := align([]rune(c.word), []rune(c.reading))
		if !ok {
			got = nil
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("align(%q, %q) = %v; want %v", c.word, c.reading, got, c.want)
		}
	}
}

// The glossary's mistakes are errors at their position, with a hint.
func TestGlossaryErrors(t *testing.T) {
	src := "# readings\n" + // 1
		"三田市: サンダシ\n" + // 2: katakana
		"桜川市: ''\n" + // 3: empty
		"市民課:\n" + // 4: null
		"J-LIS: じぇいりす\n" + // 5: no kanji
		"申し込み: もうしこむ\n" + // 6: kana do not fit
		"三田: さんだ\n" + // 7
		"三田: さんだ\n" + // 8: twice
		"市役所: shiyakusho\n" + // 9: letters
		"1階: いっかい\n" + // 10: digit
		"窓口: true\n" + // 11
		"庁舎: [ちょうしゃ]\n" + // 12
		"協働: false\n" // 13: fine
	errs := &diag.List{}
	g := Parse(File, []byte(src), errs)
	type want struct {
		pos       string
		msg, hint string
	}
	wants := []want{
		{"glossary.yaml:2:6", `the reading "サンダシ" of "三田市" is not in hiragana`, "write it in hiragana: さんだし"},
		{"glossary.yaml:3:1", `the reading of "桜川市" is empty`, "after the colon"},
		{"glossary.yaml:4:1", `the reading of "市民課" is empty`, "after the colon"},
		{"glossary.yaml:5:1", `"J-LIS" has no kanji`, "kanji only"},
		{"glossary.yaml:6:7", `the reading "もうしこむ" does not fit the kana of "申し込み"`, "申し込み: もうしこみ"},
		{"glossary.yaml:8:1", `"三田" is in the glossary twice (also on line 7)`, "keep one"},
		{"glossary.yaml:9:6", `the reading "shiyakusho" of "市役所" is not in hiragana`, "hiragana only"},
		{"glossary.yaml:10:1", `"1階" holds characters other than kanji and kana`, "kanji and kana only"},
		{"glossary.yaml:11:5", `expected a reading in hiragana, found "true"`, "or false"},
		{"glossary.yaml:12:5", `expected a reading in hiragana, found a list`, "or false"},
	}
	items := errs.Items()
	if len(items) != len(wants) {
		t.Errorf("%d problems; want %d:", len(items), len(wants))
		for _, d := range items {
			t.Log(d)
		}
	}
	for i, w := range wants {
		if i >= len(items) {
			break
		}
		d := items[i]
		if d.Pos.String() != w.pos || d.Msg.String() != w.msg || !strings.Contains(d.Hint.String(), w.hint) {
			t.Errorf("problem %d: %s: %s (%s)\nwant %s: %s (…%s…)", i, d.Pos, d.Msg, d.Hint, w.pos, w.msg, w.hint)
		}
	}
	// The good entries are kept.
	if r, ok := g.Reading("三田"); !ok || r != "さんだ" {
		t.Errorf("三田: %q, %v", r, ok)
	}
	if r, ok := g.Reading("協働"); !ok || r != "" || !g.Exempt("協働") {
		t.Errorf("協働: %q, %v, exempt %v", r, ok, g.Exempt("協働"))
	}
	if g.Len() != 2 {
		t.Errorf("Len = %d; want 2", g.Len())
	}
	// In Japanese too.
	if s := items[0].StringIn("ja"); !strings.Contains(s, "ひらがなではありません") || !strings.Contains(s, "glossary.yaml:2:6") {
		t.Errorf("in Japanese: %s", s)
	}
}

func TestLoad(t *testing.T) {
	errs := &diag.List{}
	if g := Load(fstest.MapFS{}, errs); g.Len() != 0 || errs.Len() != 0 {
		t.Errorf("no file: %d entries, %v", g.Len(), errs.Err())
	}
	for _, src := range []string{"", "# only comments\n"} {
		g := Load(fstest.MapFS{File: {Data: []byte(src)}}, errs)
		if g.Len() != 0 || errs.Len() != 0 {
			t.Errorf("%q: %d entries, %v", src, g.Len(), errs.Err())
		}
	}
	g := Load(fstest.MapFS{File: {Data: []byte("- 三田\n")}}, errs)
	if items := errs.Items(); g.Len() != 0 || len(items) != 1 || items[0].Pos.String() != "glossary.yaml:1:1" {
		t.Errorf("a list: %v", errs.Err())
	}
	// The repository's glossary loads without problems.
	if g := siteGlossary(t); g.Len() == 0 {
		t.Error("glossary.yaml has no entries")
	}
}

func BenchmarkAnnotate(b *testing.B) {
	page := `<h1>電子証明書の<wbr>更新</h1><p>三田市に<wbr>住民登録が<wbr>あり、電子証明書の<wbr>有効期限の<wbr>日まで<wbr>3か月未満に<wbr>なった<wbr>方は、更新を<wbr>申請できます。</p>` +
		`<ul><li><a href="/easy/sanda/">本人の<wbr>マイナンバーカード</a></li><li>照会書兼回答書（代理人が<wbr>手続きするときに<wbr>必要な<wbr>書類）</li></ul>` +
		`<p>三田市役所 1階 市民課7番窓口、平日 9時00分～17時30分。<ruby>窓口<rt>まどぐち</rt></ruby>で&lt;暗証番号&gt;を入れます。</p>`
	g := siteGlossary(b)
	Annotate(page, g) // load the dictionary
	b.Run("cached", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			Annotate(page, g)
		}
	})
	// Every text new, as in a build (each text is read once).
	b.Run("fresh", func(b *testing.B) {
		b.SetBytes(int64(len(page)))
		i := 0
		for b.Loop() {
			i++
			Annotate(strings.ReplaceAll(page, "。", strconv.Itoa(i)+"。"), g)
		}
	})
}
