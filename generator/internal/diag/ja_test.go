package diag

import "testing"

// TestJapaneseExamples checks real diagnostics, taken from runs of
// `go run ./generator/cmd/tebiki check` on copies of the project with mistakes in them,
// in English (as String renders them) and in Japanese.
func TestJapaneseExamples(t *testing.T) {
	at := func(file string, line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	d := func(pos Pos, msg, hint Text) Diagnostic { return Diagnostic{Pos: pos, Msg: msg, Hint: hint} }
	none := Text{}
	tests := []struct {
		d      Diagnostic
		en, ja string
	}{
		{
			d(at("rules/sanda/city.yaml", 3, 3), T("missing English translation (en)"), T(`add a line "en: …" with the English text`)),
			`rules/sanda/city.yaml:3:3: missing English translation (en) (add a line "en: …" with the English text)`,
			`rules/sanda/city.yaml:3:3: 英語の訳（en）がありません（英語の文を「en: …」の行で追加してください）`,
		},
		{
			d(at("rules/sanda/city.yaml", 8, 1), T("unknown key %q", "wieght"), T("did you mean %q?", "weight")),
			`rules/sanda/city.yaml:8:1: unknown key "wieght" (did you mean "weight"?)`,
			`rules/sanda/city.yaml:8:1: 不明なキー "wieght" です（"weight" の書き間違いではありませんか？）`,
		},
		{
			d(at("rules/sanda/city.yaml", 19, 9), T("time %q is not valid", "9:00"), T("write times as HH:MM, for example 08:30")),
			`rules/sanda/city.yaml:19:9: time "9:00" is not valid (write times as HH:MM, for example 08:30)`,
			`rules/sanda/city.yaml:19:9: 時刻 "9:00" は正しくありません（時刻は HH:MM の形で、例えば 08:30 のように書いてください）`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 2, 1), T("unknown office %q (offices are listed in %s)", "city_hal", "rules/sanda/city.yaml"), T("did you mean %q?", "city_hall")),
			`rules/sanda/renewal.yaml:2:1: unknown office "city_hal" (offices are listed in rules/sanda/city.yaml) (did you mean "city_hall"?)`,
			`rules/sanda/renewal.yaml:2:1: 不明な窓口 "city_hal" です。窓口は rules/sanda/city.yaml に書かれています（"city_hall" の書き間違いではありませんか？）`,
		},
		{
			d(Pos{File: "content/notes.txt"}, T("unexpected file"), T("content/ holds only Markdown pages named NAME.ja.md and NAME.en.md")),
			`content/notes.txt: unexpected file (content/ holds only Markdown pages named NAME.ja.md and NAME.en.md)`,
			`content/notes.txt: ここには置けないファイルです（content/ には NAME.ja.md と NAME.en.md という名前の Markdown のページだけを置いてください）`,
		},
		{
			d(at("content/sanda/issuance.ja.md", 1, 1), T("missing translation: this page has no %s version", "English"), T("create %s with the translation", "content/sanda/issuance.en.md")),
			`content/sanda/issuance.ja.md:1:1: missing translation: this page has no English version (create content/sanda/issuance.en.md with the translation)`,
			`content/sanda/issuance.ja.md:1:1: 訳がありません：このページの英語版がありません（訳を書いた content/sanda/issuance.en.md を作成してください）`,
		},
		{
			d(at("rules/sakuragawa/renewal.test.yaml", 8, 7), T("rule test %q: %s", "too early, computed from the issue date and birthday", T("expected outcome %q, got %q", "nope_x", "not_yet")), none),
			`rules/sakuragawa/renewal.test.yaml:8:7: rule test "too early, computed from the issue date and birthday": expected outcome "nope_x", got "not_yet"`,
			`rules/sakuragawa/renewal.test.yaml:8:7: ルールテスト "too early, computed from the issue date and birthday"：結果は "nope_x" のはずですが、"not_yet" になりました`,
		},
		{
			d(at("rules/sakuragawa/renewal.test.yaml", 7, 14), T("rule test %q: %s", "too early, computed from the issue date and birthday", T("answers say %s=%s, but the dates give %s", "validity", "open", "too_early")), none),
			`rules/sakuragawa/renewal.test.yaml:7:14: rule test "too early, computed from the issue date and birthday": answers say validity=open, but the dates give too_early`,
			`rules/sakuragawa/renewal.test.yaml:7:14: ルールテスト "too early, computed from the issue date and birthday"：回答は validity=open ですが、日付からは too_early になります`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 38, 14), T("question %q has no answer %q; its answers are %s", "who", "proxi", "self, proxy"), none),
			`rules/sanda/renewal.yaml:38:14: question "who" has no answer "proxi"; its answers are self, proxy`,
			`rules/sanda/renewal.yaml:38:14: 質問 "who" に回答 "proxi" はありません。回答は self, proxy です`,
		},
		{
			d(at("content/sanda/renewal.en.md", 2, 1), T("%s %q is not a date", "updated", "2027-13-01"), T("write dates as YYYY-MM-DD, for example %s", "2027-04-01")),
			`content/sanda/renewal.en.md:2:1: updated "2027-13-01" is not a date (write dates as YYYY-MM-DD, for example 2027-04-01)`,
			`content/sanda/renewal.en.md:2:1: updated の "2027-13-01" は日付ではありません（日付は YYYY-MM-DD の形で、例えば 2027-04-01 のように書いてください）`,
		},
		{
			d(at("rules/sanda/city.yaml", 4, 1), T("YAML syntax error: %s", "did not find expected ',' or ']'"), T("check indentation, colons and quotes on this line and the one before")),
			`rules/sanda/city.yaml:4:1: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)`,
			`rules/sanda/city.yaml:4:1: YAML の書き方に誤りがあります：「,」か「]」が見つかりません（この行と前の行の字下げ、コロン（:）、引用符を確かめてください）`,
		},
		{
			d(at("rules/sanda/issuance.yaml", 53, 13), T("unknown %s %q (define it in %s or rules/national.yaml)", "document", "photo_id", "rules/sanda/city.yaml"), T("known: %s", "card, jlis_form, mailed_form")),
			`rules/sanda/issuance.yaml:53:13: unknown document "photo_id" (define it in rules/sanda/city.yaml or rules/national.yaml) (known: card, jlis_form, mailed_form)`,
			`rules/sanda/issuance.yaml:53:13: 不明な書類 "photo_id" です。rules/sanda/city.yaml か rules/national.yaml で定義してください（使えるもの：card, jlis_form, mailed_form）`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 2, 1), T(`no outcome for the answers %s; add an outcome whose "when" covers them`, "validity=too_early"), none),
			`rules/sanda/renewal.yaml:2:1: no outcome for the answers validity=too_early; add an outcome whose "when" covers them`,
			`rules/sanda/renewal.yaml:2:1: 回答 validity=too_early に当てはまる結果がありません。この回答を "when" に含む結果を追加してください`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 62, 5), T(`the answers %s reach more than one outcome: %s; make their "when" exclusive`, "validity=open, who=self", "not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5)"), none),
			`rules/sanda/renewal.yaml:62:5: the answers validity=open, who=self reach more than one outcome: not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5); make their "when" exclusive`,
			`rules/sanda/renewal.yaml:62:5: 回答 validity=open, who=self が複数の結果に当てはまります：not_yet (rules/sanda/renewal.yaml:52:5), self (rules/sanda/renewal.yaml:62:5)。"when" が重ならないようにしてください`,
		},
		{
			d(at("content/sanda/renewal.ja.md", 9, 1), T("link to a page that does not exist: %s", "nothere.md"), T("check the file name; links are relative to this file")),
			`content/sanda/renewal.ja.md:9:1: link to a page that does not exist: nothere.md (check the file name; links are relative to this file)`,
			`content/sanda/renewal.ja.md:9:1: 存在しないページへのリンクです：nothere.md（ファイル名を確かめてください。リンクはこのファイルからの相対パスです）`,
		},
		{
			d(at("content/sanda/renewal.ja.md", 11, 1), T("raw HTML"), T("write it in Markdown; raw HTML is not allowed in content")),
			`content/sanda/renewal.ja.md:11:1: raw HTML (write it in Markdown; raw HTML is not allowed in content)`,
			`content/sanda/renewal.ja.md:11:1: HTML が直接書かれています（Markdown で書いてください。content には HTML を直接書けません）`,
		},
		{
			d(at("content/sanda/renewal.ja.md", 13, 1), T("link %q uses the scheme %q", "ftp://example.com/", "ftp"), T("only http, https, mailto and tel links are allowed")),
			`content/sanda/renewal.ja.md:13:1: link "ftp://example.com/" uses the scheme "ftp" (only http, https, mailto and tel links are allowed)`,
			`content/sanda/renewal.ja.md:13:1: リンク "ftp://example.com/" のスキーム "ftp" は使えません（リンクに使えるのは http、https、mailto、tel だけです）`,
		},
		{
			d(at("content/sanda/renewal.ja.md", 15, 1), T("link %q starts with /", "/abs.md"), T("link to the Markdown file by its relative path, for example ../sanda/renewal.md")),
			`content/sanda/renewal.ja.md:15:1: link "/abs.md" starts with / (link to the Markdown file by its relative path, for example ../sanda/renewal.md)`,
			`content/sanda/renewal.ja.md:15:1: リンク "/abs.md" が / で始まっています（リンク先の Markdown ファイルを相対パスで書いてください。例：../sanda/renewal.md）`,
		},
		{
			d(at("rules/sanda/city.yaml", 8, 9), T("expected a whole number, found %s", `"two"`), none),
			`rules/sanda/city.yaml:8:9: expected a whole number, found "two"`,
			`rules/sanda/city.yaml:8:9: 整数を書く所に "two" が書かれています`,
		},
		{
			d(at("rules/sanda/city.yaml", 31, 10), T("expected text, found %s", "a list"), none),
			`rules/sanda/city.yaml:31:10: expected text, found a list`,
			`rules/sanda/city.yaml:31:10: 文字列を書く所にリストが書かれています`,
		},
		// The decision core's errors, with their own position, as rule
		// tests report them.
		{
			d(at("rules/sanda/renewal.test.yaml", 3, 5), T("rule test %q: %s", "proxy", T("%v", T("%s: %s", "rules/sanda/renewal.yaml:9:5", T("question %s has no answer %q", "who", "proxi")))), none),
			`rules/sanda/renewal.test.yaml:3:5: rule test "proxy": rules/sanda/renewal.yaml:9:5: question who has no answer "proxi"`,
			`rules/sanda/renewal.test.yaml:3:5: ルールテスト "proxy"：rules/sanda/renewal.yaml:9:5: 質問 who に回答 "proxi" はありません`,
		},
		{
			d(at("rules/sanda/renewal.test.yaml", 12, 7), T("rule test %q: %s", "self", T("the %s outcome does not say %q", "ja", "三田市役所")), none),
			`rules/sanda/renewal.test.yaml:12:7: rule test "self": the ja outcome does not say "三田市役所"`,
			`rules/sanda/renewal.test.yaml:12:7: ルールテスト "self"：日本語の結果に "三田市役所" が書かれていません`,
		},
		{
			d(at("rules/national.yaml", 40, 5), T("%s %q is redeclared; first declared at %s", "document", "card", "rules/national.yaml:12:5"), none),
			`rules/national.yaml:40:5: document "card" is redeclared; first declared at rules/national.yaml:12:5`,
			`rules/national.yaml:40:5: 書類 "card" が2回定義されています。最初の定義は rules/national.yaml:12:5 です`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 20, 9), T("%s %q is redeclared in question %q; first declared at %s", "answer", "self", "who", "rules/sanda/renewal.yaml:18:9"), none),
			`rules/sanda/renewal.yaml:20:9: answer "self" is redeclared in question "who"; first declared at rules/sanda/renewal.yaml:18:9`,
			`rules/sanda/renewal.yaml:20:9: 質問 "who" に回答 "self" が2回書かれています。最初の定義は rules/sanda/renewal.yaml:18:9 です`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 30, 5), T("question %q depends on %q, which is asked after it; move it below", "who", "form"), none),
			`rules/sanda/renewal.yaml:30:5: question "who" depends on "form", which is asked after it; move it below`,
			`rules/sanda/renewal.yaml:30:5: 質問 "who" が、後で聞く質問 "form" の回答を条件にしています。"who" を "form" より下に移してください`,
		},
		{
			d(Pos{File: "rules/sanda/renewal.yaml"}, T("no content page for %s", T("the procedure %s", "sanda/renewal")), T("create %s and its English version (.en.md)", "content/sanda/renewal.ja.md")),
			`rules/sanda/renewal.yaml: no content page for the procedure sanda/renewal (create content/sanda/renewal.ja.md and its English version (.en.md))`,
			`rules/sanda/renewal.yaml: 手続き sanda/renewal のページが content にありません（content/sanda/renewal.ja.md と、その英語版（.en.md）を作成してください）`,
		},
		{
			d(at("themes/default/layouts/guide.html", 12, 20), T("missing translation: no UI string %q", "print"), T(`add "%s: …" to every file in %s`, "print", "themes/default/i18n")),
			`themes/default/layouts/guide.html:12:20: missing translation: no UI string "print" (add "print: …" to every file in themes/default/i18n)`,
			`themes/default/layouts/guide.html:12:20: 訳がありません：画面の文言 "print" がありません（themes/default/i18n のすべてのファイルに「print: …」を追加してください）`,
		},
		{
			d(at("rules/sanda/renewal.test.yaml", 20, 7), T("rule test %q: %s", "fee", T("expected a fee of %d yen, got %s", 300, T("no stated fee"))), none),
			`rules/sanda/renewal.test.yaml:20:7: rule test "fee": expected a fee of 300 yen, got no stated fee`,
			`rules/sanda/renewal.test.yaml:20:7: ルールテスト "fee"：手数料は 300 円のはずですが、手数料の記載なしになりました`,
		},
		{
			d(at("rules/sanda/renewal.test.yaml", 20, 7), T("rule test %q: %s", "fee", T("expected a fee of %d yen, got %s", 300, T("%d yen", 200))), none),
			`rules/sanda/renewal.test.yaml:20:7: rule test "fee": expected a fee of 300 yen, got 200 yen`,
			`rules/sanda/renewal.test.yaml:20:7: ルールテスト "fee"：手数料は 300 円のはずですが、200 円になりました`,
		},
		{
			d(at("rules/sanda/renewal.yaml", 12, 7), T("unknown question %q; the questions are %s (did you mean %q?)", "whoo", "validity, who, form", "who"), none),
			`rules/sanda/renewal.yaml:12:7: unknown question "whoo"; the questions are validity, who, form (did you mean "who"?)`,
			`rules/sanda/renewal.yaml:12:7: 不明な質問 "whoo" です。質問は validity, who, form です（"who" の書き間違いではありませんか？）`,
		},
		{
			Diagnostic{Pos: at("rules/sanda/city.yaml", 2, 7), Msg: T("unknown key %q", "nmae"), Warning: true},
			`rules/sanda/city.yaml:2:7: warning: unknown key "nmae"`,
			`rules/sanda/city.yaml:2:7: 警告：不明なキー "nmae" です`,
		},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.en {
			t.Errorf("String:\n got %s\nwant %s", got, tt.en)
		}
		if got := tt.d.StringIn("en"); got != tt.en {
			t.Errorf("StringIn(en):\n got %s\nwant %s", got, tt.en)
		}
		if got := tt.d.StringIn("ja"); got != tt.ja {
			t.Errorf("StringIn(ja):\n got %s\nwant %s", got, tt.ja)
		}
	}
}

func TestErrorStringIn(t *testing.T) {
	e := &Error{Items: []Diagnostic{
		{Pos: Pos{File: "a.yaml", Line: 1, Col: 1}, Msg: T("the file is empty")},
		{Pos: Pos{File: "b.yaml", Line: 2, Col: 3}, Msg: T("missing key %q", "id"), Hint: T("add it")},
	}}
	if got, want := e.Error(), "a.yaml:1:1: the file is empty\nb.yaml:2:3: missing key \"id\" (add it)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := e.StringIn("en"); got != e.Error() {
		t.Errorf("StringIn(en) = %q, want %q", got, e.Error())
	}
	want := "a.yaml:1:1: ファイルが空です\nb.yaml:2:3: キー \"id\" がありません（追加してください）"
	if got := e.StringIn("ja"); got != want {
		t.Errorf("StringIn(ja) = %q, want %q", got, want)
	}
}

// TestLookedUpBeforeFormatting shows that a message is translated by its
// key, not by its English text: values that look like other messages, or
// hold a verb, are put in as they are.
func TestLookedUpBeforeFormatting(t *testing.T) {
	tests := []struct {
		t      Text
		en, ja string
	}{
		// The value is itself an English message: it stays a value.
		{T("link to a page that does not exist: %s", "the file is empty"), "link to a page that does not exist: the file is empty", "存在しないページへのリンクです：the file is empty"},
		// A value with % in it is not a verb.
		{T("unknown key %q", "100%s"), `unknown key "100%s"`, `不明なキー "100%s" です`},
		// %w looks the value up among the terms; a value that is not one stays.
		{T("%s %q is redeclared; first declared at %s", "office", "a", "x.yaml:1:1"), `office "a" is redeclared; first declared at x.yaml:1:1`, `窓口 "a" が2回定義されています。最初の定義は x.yaml:1:1 です`},
		{T("%s %q is redeclared; first declared at %s", "gadget", "a", "x.yaml:1:1"), `gadget "a" is redeclared; first declared at x.yaml:1:1`, `gadget "a" が2回定義されています。最初の定義は x.yaml:1:1 です`},
	}
	for _, tt := range tests {
		if got := tt.t.In("en"); got != tt.en {
			t.Errorf("In(en) = %q, want %q", got, tt.en)
		}
		if got := tt.t.In("ja"); got != tt.ja {
			t.Errorf("In(ja) = %q, want %q", got, tt.ja)
		}
	}
}

func TestUnknownStaysEnglish(t *testing.T) {
	for _, tx := range []Text{
		T("something nobody has written a translation for"),
		T("a new message about %q", "x"),
		T(""),
	} {
		if got, want := tx.In("ja"), tx.In("en"); got != want {
			t.Errorf("In(ja) = %q, want the English %q", got, want)
		}
	}
	// An unknown hint keeps its English text, in Japanese parentheses.
	d := Diagnostic{Pos: Pos{File: "f", Line: 1}, Msg: T("the file is empty"), Hint: T("some new hint")}
	if got, want := d.StringIn("ja"), "f:1: ファイルが空です（some new hint）"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A value of a known message that is not a Text is kept as it is.
	if got, want := T("cannot read: %v", "open content/a.md: permission denied").In("ja"), "読み込めません：open content/a.md: permission denied"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLangFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, "en"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "ja"}, "ja"},
		{map[string]string{"LANG": "en_US.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_US.UTF-8"}, "ja"},
		{map[string]string{"LC_MESSAGES": "C", "LANG": "ja_JP.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LC_MESSAGES": "C", "LANG": "C"}, "ja"},
		{map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"}, "ja"},
		{map[string]string{"LANG": "JA_JP"}, "en"}, // locale names are case-sensitive
	}
	for _, tt := range tests {
		if got := LangFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("LangFromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
	if got := LangFromEnv(nil); got != "en" {
		t.Errorf("LangFromEnv(nil) = %q", got)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		n          int
		lang, want string
	}{
		{3, "en", "tebiki: 3 problem(s); nothing was written"},
		{1, "en", "tebiki: 1 problem(s); nothing was written"},
		{3, "ja", "tebiki: 3件の問題があります。何も書き出していません"},
		{12, "ja", "tebiki: 12件の問題があります。何も書き出していません"},
		{2, "fr", "tebiki: 2 problem(s); nothing was written"},
	}
	for _, tt := range tests {
		if got := Summary(tt.n, tt.lang); got != tt.want {
			t.Errorf("Summary(%d, %q) = %q, want %q", tt.n, tt.lang, got, tt.want)
		}
	}
}

func TestWarningsDoNotCount(t *testing.T) {
	var l List
	l.Warn(Pos{File: "b"}, Text{}, "the file is empty")
	if l.Len() != 0 || l.Err() != nil {
		t.Fatalf("a warning counts as a problem: Len %d, Err %v", l.Len(), l.Err())
	}
	l.Add(Pos{File: "a"}, "the file is empty")
	l.Add(Pos{File: "a"}, "the file is empty") // a duplicate is shown once
	e, ok := l.Err().(*Error)
	if !ok || len(e.Items) != 1 || len(e.Warnings) != 1 || l.Len() != 2 {
		t.Fatalf("Err = %v", l.Err())
	}
	if got, want := e.StringIn("ja"), "a: ファイルが空です\nb: 警告：ファイルが空です"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var m List
	m.Merge(&l)
	if m.Len() != 2 || len(m.Warnings()) != 1 {
		t.Errorf("Merge: Len %d, %d warnings", m.Len(), len(m.Warnings()))
	}
}
