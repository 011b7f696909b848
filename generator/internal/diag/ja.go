package diag

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Japanese messages.
//
// Diagnostics are written in English where they are found. Staff who read
// Japanese get them translated when they are shown: every message and hint is
// matched against a catalog of the English formats used in the code, and the
// pieces that were filled in (file names, keys, IDs, quoted values) are put
// into the Japanese format unchanged. A message the catalog does not know
// stays in English, so nothing is lost; ja_test.go fails when a format in the
// code has no entry here.
//
// English formats use the verbs %q (a Go-quoted string), %s and %v (any text)
// and %d (a whole number), as in the code. Japanese formats insert the matched
// pieces with %s, %q, %v or %d (all insert the matched text as it is), may
// reorder them with %[2]s, and have two more verbs:
//
//	%w  the piece translated with the word list (terms), as it is when not listed
//	%m  the piece translated as a whole message, as it is when not known

// Localize returns d with its message and hint in lang ("ja" or "en");
// English is returned as is.
func Localize(d Diagnostic, lang string) Diagnostic {
	if lang != "ja" {
		return d
	}
	d.Msg = localizeMessage(d.Msg)
	d.Hint = localizeMessage(d.Hint)
	return d
}

// StringIn renders d in lang: in English exactly as String, in Japanese
// translated, with the hint in full-width parentheses.
func (d Diagnostic) StringIn(lang string) string {
	if lang != "ja" {
		return d.String()
	}
	d = Localize(d, lang)
	s := d.Pos.String() + ": " + d.Msg
	if d.Hint != "" {
		s += "（" + d.Hint + "）"
	}
	return s
}

// StringIn renders every problem of e in lang, one a line, as Error does in English.
func (e *Error) StringIn(lang string) string {
	var b strings.Builder
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.StringIn(lang))
	}
	return b.String()
}

// LangFromEnv returns "ja" when LC_ALL, LC_MESSAGES or LANG (the first
// non-empty one, in that order) starts with "ja", and "en" otherwise.
// A nil getenv reads nothing.
func LangFromEnv(getenv func(string) string) string {
	if getenv == nil {
		return "en"
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(v, "ja") {
				return "ja"
			}
			return "en"
		}
	}
	return "en"
}

// Summary returns the closing line of a run that found n problems.
func Summary(n int, lang string) string {
	if lang == "ja" {
		return fmt.Sprintf("tebiki: %d件の問題があります。何も書き出していません", n)
	}
	return fmt.Sprintf("tebiki: %d problem(s); nothing was written", n)
}

// messages maps the English formats of messages and hints to Japanese.
var messages = [][2]string{
	// yamlx: reading YAML.
	{"YAML syntax error: %s", "YAML の書き方に誤りがあります：%w"},
	{"check indentation, colons and quotes on this line and the one before", "この行と前の行の字下げ、コロン（:）、引用符を確かめてください"},
	{"the file is empty", "ファイルが空です"},
	{"aliases (*%s) are not supported", "エイリアス（*%s）は使えません"},
	{"write the value out, or refer to it by its ID", "値をそのまま書くか、ID で参照してください"},
	{"expected text, found %s", "文字列を書く所に %w が書かれています"},
	{"expected true or false, found %s", "true か false を書く所に %w が書かれています"},
	{"expected a whole number, found %s", "整数を書く所に %w が書かれています"},
	{"expected an ID, found %s", "IDを書く所に %w が書かれています"},
	{"expected a list (lines starting with \"- \"), found %s", "リスト（「- 」で始まる行）を書く所に %w が書かれています"},
	{"expected a mapping (key: value), found %s", "「キー: 値」の組を書く所に %w が書かれています"},
	{"unknown key %q", "不明なキー %q です"},
	{"allowed keys here: %s", "ここで使えるキー：%s"},
	{"did you mean %q?", "%q の書き間違いではありませんか？"},
	{"key %q appears twice", "キー %q が2回書かれています"},
	{"missing key %q", "キー %q がありません"},
	{"add it", "追加してください"},
	{"the file is too large (%d MB)", "ファイルが大きすぎます（%d MB）"},
	{"split it into files under %d MB", "%d MB より小さいファイルに分けてください"},
	{"invalid UTF-8: the file is not saved as UTF-8, or holds a broken character here", "UTF-8 として読めません。ファイルが UTF-8 で保存されていないか、ここに壊れた文字があります"},
	{"save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8), or retype the character", "ファイルを UTF-8 で保存し直すか（メモ帳なら「名前を付けて保存」で文字コードを UTF-8 に）、この文字を打ち直してください"},
	{"%s %q is redeclared; first declared at %s", "%w %q が2回定義されています。最初の定義は %s です"},
	{"%s %q is redeclared in question %q; first declared at %s", "質問 %[3]q に %[1]w %[2]q が2回書かれています。最初の定義は %[4]s です"},

	// content: pages.
	{"cannot read: %v", "読み込めません：%v"},
	{"unexpected file", "ここには置けないファイルです"},
	{"content/ holds only Markdown pages named NAME.ja.md and NAME.en.md", "content/ には NAME.ja.md と NAME.en.md という名前の Markdown のページだけを置いてください"},
	{"the file name does not say the language", "ファイル名に言語が書かれていません"},
	{"name pages NAME.ja.md and NAME.en.md", "ページの名前は NAME.ja.md と NAME.en.md にしてください"},
	{"cannot read the content folder: %v", "content フォルダを読み込めません：%v"},
	{"missing translation: this page has no %s version", "訳がありません：このページの %w 版がありません"},
	{"create %s with the translation", "訳を書いた %s を作成してください"},
	{"missing front matter", "フロントマター（先頭の「---」で囲む部分）がありません"},
	{"start the file with a line \"---\", then \"title: …\", then \"---\"", "ファイルの先頭に「---」の行、「title: …」の行、「---」の行を順に書いてください"},
	{"add a line \"title: …\" between the two \"---\" lines", "2本の「---」の行の間に「title: …」の行を追加してください"},
	{"this page would be written to %s, which the %s page of the same address already uses", "このページの書き出し先 %s は、同じ場所の %w ページがすでに使っています"},
	{"rename or move the page", "ページの名前か場所を変えてください"},
	{"link to a part of a page that does not exist: #%s", "ページの存在しない部分へのリンクです：#%s"},
	{"link to a heading of that page by its text, for example #contact for \"## Contact\"", "そのページの見出しへは、見出しの文でリンクしてください（例：「## 窓口」なら #窓口）"},
	{"front matter is not closed", "フロントマターが閉じられていません"},
	{"end the front matter with a line \"---\"", "フロントマターの終わりに「---」の行を書いてください"},
	{"%s %q is not a date", "%s の %q は日付ではありません"},
	{"write dates as YYYY-MM-DD, for example %s", "日付は YYYY-MM-DD の形で、例えば %s のように書いてください"},
	{"cannot render Markdown: %v", "Markdown を変換できません：%v"},
	{"raw HTML", "HTML が直接書かれています"},
	{"write it in Markdown; raw HTML is not allowed in content", "Markdown で書いてください。content には HTML を直接書けません"},
	{"image %q", "画像 %q が書かれています"},
	{"pictures are not supported in content yet", "content ではまだ画像を使えません"},
	{"link %q is not a valid address", "リンク %q は正しいアドレスではありません"},
	{"link %q starts with /", "リンク %q が / で始まっています"},
	{"link to the Markdown file by its relative path, for example ../sanda/renewal.md", "リンク先の Markdown ファイルを相対パスで書いてください。例：../sanda/renewal.md"},
	{"link %q does not name a page", "リンク %q がページを指していません"},
	{"link to the Markdown file of the page, for example renewal.md", "ページの Markdown ファイルにリンクしてください。例：renewal.md"},
	{"link to a page that does not exist: %s", "存在しないページへのリンクです：%s"},
	{"check the file name; links are relative to this file", "ファイル名を確かめてください。リンクはこのファイルからの相対パスです"},
	{"link %q uses the scheme %q", "リンク %q のスキーム %q は使えません"},
	{"only http, https, mailto and tel links are allowed", "リンクに使えるのは http、https、mailto、tel だけです"},

	// theme: layouts, assets and UI strings.
	{"theme %q not found", "テーマ %q が見つかりません"},
	{"create the theme folder, or check its name", "テーマのフォルダを作成するか、名前を確かめてください"},
	{"missing translation table: %v", "訳の表がありません：%v"},
	{"create it with the UI strings in this language", "この言語の画面の文言を書いて作成してください"},
	{"expected \"key: text\" lines", "「key: text」の形の行で書いてください"},
	{"the text of %q must be a non-empty string", "%q の文は空でない文字列にしてください"},
	{"missing translation: %q has no %s text", "訳がありません：%q に %w の文がありません"},
	{"add \"%s: …\" to %s", "%[2]s に「%[1]s: …」を追加してください"},
	{"cannot read layouts: %v", "レイアウトを読み込めません：%v"},
	{"missing page skeleton", "ページの骨組みのテンプレートがありません"},
	{"it must define the template \"base\"", "テンプレート \"base\" を定義してください"},
	{"missing translation: no UI string %q", "訳がありません：画面の文言 %q がありません"},
	{"add \"%s: …\" to every file in %s", "%[2]s のすべてのファイルに「%[1]s: …」を追加してください"},
	{"template error: %s", "テンプレートの誤りです：%s"},
	{"asset: %s", "CSS・JavaScript の誤りです：%s"},

	// rules: national.yaml, city.yaml and procedures.
	{"cannot read the rules folder: %v", "rules フォルダを読み込めません：%v"},
	{"%s ID %q is not valid", "%w の ID %q は使えません"},
	{"use lower-case letters, digits, - and _ only", "ID には英小文字、数字、- と _ だけを使ってください"},
	{"answer ID %q is reserved", "回答の ID %q は予約されていて使えません"},
	{`choose another ID, such as "index_card": the checker's pages are named after answer IDs, and "index" names its first page`, "別の ID にしてください（例: \"index_card\"）。確認ページの名前には回答の ID を使い、\"index\" は最初のページの名前です"},
	{"cannot read the national rules: %v", "全国共通のルールを読み込めません：%v"},
	{"create it: it holds the facts common to every city", "作成してください。すべての市に共通する説明を書くファイルです"},
	{"fact %q is redeclared for the same day; first declared at %s", "説明 %q が同じ日付で2回定義されています。最初の定義は %s です"},
	{"procedure kind %q is redeclared; first declared at %s", "手続きの種類 %q が2回定義されています。最初の定義は %s です"},
	{"procedure kind %q lists unknown fact %q", "手続きの種類 %q に不明な説明 %q が書かれています"},
	{"known: %s", "使えるもの：%s"},
	{"cannot read the city file: %v", "市のファイルを読み込めません：%v"},
	{"every folder under rules/ is a city and needs a city.yaml", "rules/ の下のフォルダはそれぞれ1つの市で、city.yaml が必要です"},
	{"office %q is redeclared for the same day; first declared at %s", "窓口 %q が同じ日付で2回定義されています。最初の定義は %s です"},
	{"unknown days %q", "不明な曜日の指定 %q です"},
	{"the supported value is \"weekdays\"", "使える値は \"weekdays\" だけです"},
	{"time %q is not valid", "時刻 %q は正しくありません"},
	{"write times as HH:MM, for example 08:30", "時刻は HH:MM の形で、例えば 08:30 のように書いてください"},
	{"closing time %s is not after opening time %s", "終了時刻 %s が開始時刻 %s より後になっていません"},
	{"unknown procedure kind %q", "不明な手続きの種類 %q です"},
	{"unknown office %q (offices are listed in %s)", "不明な窓口 %q です。窓口は %s に書かれています"},
	{"unknown question kind %q", "不明な質問の種類 %q です"},
	{"use \"choice\" or \"expiry\"", "\"choice\" か \"expiry\" を使ってください"},
	{"unknown outcome kind %q", "不明な結果の種類 %q です"},
	{"use \"checklist\", \"not_yet\" or \"contact\"", "\"checklist\"、\"not_yet\"、\"contact\" のどれかを使ってください"},
	{"same_day must be yes or no, not %q", "same_day には yes か no を書いてください。%q は使えません"},
	{"write \"same_day: yes\" or \"same_day: no\", or leave it out where the city does not say", "「same_day: yes」か「same_day: no」と書いてください。市が決めていないときは書かないでください"},
	{"checklist outcome %q has no visits", "チェックリストの結果 %q に visits がありません"},
	{"add \"visits\" with what to bring, or \"use: procedure.outcome\"", "持ち物を書いた \"visits\" か、「use: procedure.outcome」を追加してください"},
	{"use: %q names no outcome", "use の %q に当たる結果がありません"},
	{"write it as PROCEDURE.OUTCOME, naming an outcome of this city", "この市の結果を PROCEDURE.OUTCOME の形で書いてください"},
	{"an item needs one of doc, notice or text", "項目には doc、notice、text のどれかが必要です"},
	{"give exactly one of doc, notice or text", "doc、notice、text のどれか1つだけを書いてください"},
	{"unknown %s %q (define it in %s or rules/national.yaml)", "不明な %w %q です。%s か rules/national.yaml で定義してください"},
	{"missing Japanese translation (ja)", "日本語の訳（ja）がありません"},
	{"add a line \"ja: …\" with the Japanese text", "日本語の文を「ja: …」の行で追加してください"},
	{"missing English translation (en)", "英語の訳（en）がありません"},
	{"add a line \"en: …\" with the English text", "英語の文を「en: …」の行で追加してください"},
	{"expected a text in Japanese and English, found %q", "日本語と英語の文を書く所に %q が書かれています"},
	{"write it as two lines, \"ja: …\" and \"en: …\"", "「ja: …」と「en: …」の2行で書いてください"},
	{"expected a condition, found %q", "条件を書く所に %q が書かれています"},
	{"write it as \"question_id: answer_id\" lines", "「question_id: answer_id」の形の行で書いてください"},
	{"expected an answer ID", "回答の ID を書いてください"},
	{"expected an answer ID or a list of them", "回答の ID か、そのリストを書いてください"},
	{"effective_until %s is before effective_from %s", "effective_until の %s が effective_from の %s より前になっています"},

	// rules: rule tests.
	{"expected \"question_id: answer_id\" lines", "「question_id: answer_id」の形の行で書いてください"},
	{"expected one answer ID", "回答の ID を1つだけ書いてください"},
	{"this procedure has no rule tests", "この手続きにはルールテストがありません"},
	{"create %s with a test for every path", "すべての回答の道筋のテストを書いた %s を作成してください"},
	{"no rule test covers the path %s", "回答の道筋 %w を確かめるルールテストがありません"},
	{"add a test with these answers to %s", "%s にこの回答のテストを追加してください"},
	{"rule test %q: %s", "ルールテスト %q：%m"},
	{"today must be a date YYYY-MM-DD, not %q", "today には YYYY-MM-DD の形の日付を書いてください。%q は日付ではありません"},
	{"expiry needs printed, stay_until, or issued and birthday, as YYYY-MM-DD dates", "expiry には printed か stay_until、または issued と birthday を、YYYY-MM-DD の形の日付で書いてください"},
	{"this procedure has no expiry question, so a date decides nothing", "この手続きには有効期限の質問がないので、日付を書いても何も決まりません"},
	{"these dates give no expiry date", "この日付からは有効期限が決まりません"},
	{"answers say %s=%s, but the dates give %s", "回答は %s=%s ですが、日付からは %s になります"},
	{"the answers stop at question %q; add an answer for it", "回答が質問 %q で止まっています。この質問の回答を追加してください"},
	{"expected outcome %q, got %q", "結果は %q のはずですが、%q になりました"},
	{"expected expiry %s, got %s", "有効期限は %s のはずですが、%s になりました"},
	{"expected renewal to open on %s, got %s", "更新の受付開始日は %s のはずですが、%s になりました"},
	{"expected %d visit(s), got %d", "来庁の回数は %d 回のはずですが、%d 回になりました"},
	{"visit %d: expected to bring [%s], got [%s]", "%d 回目の来庁：持ち物は [%s] のはずですが、[%s] になりました"},
	{"visit %d: expected same_day %q, got %q", "%d 回目の来庁：same_day は %q のはずですが、%q になりました"},
	{"expected warnings [%s], got [%s]", "注意事項は [%s] のはずですが、[%s] になりました"},
	{"expected offices [%s], got [%s]", "窓口は [%s] のはずですが、[%s] になりました"},
	{"expected a fee of %d yen, got %s", "手数料は %d 円のはずですが、%w になりました"},
	{"expected no stated fee, got %s", "手数料の記載はないはずですが、%w になりました"},
	{"the %s outcome does not say %q", "%w の結果に %q が書かれていません"},

	// site: pages and building.
	{"no content page for %s", "%w のページが content にありません"},
	{"create %s and its English version (.en.md)", "%s と、その英語版（.en.md）を作成してください"},
	{"%q is not an absolute http(s) URL", "%q は http(s) で始まる完全な URL ではありません"},
	{"give the address where public/ will be published, such as https://www.city.example.jp/tebiki/", "public/ を公開するアドレスを書いてください。例：https://www.city.example.jp/tebiki/"},
	{"rendering %s: %v", "%s を作る途中で誤りがありました：%v"},

	// site: the output folder a build may replace (output.go).
	{"build into a folder of its own outside content/, rules/ and themes/, such as public; -force does not change this", "content/、rules/、themes/ の外にある専用のフォルダ（例：public）に書き出してください。-force を付けても変わりません"},
	{"the output folder %s is the project folder: a build would delete its sources", "出力先のフォルダ %s はプロジェクトのフォルダそのものです。書き出すと元のファイルが消えてしまいます"},
	{"the output folder %s is the project's folder %s: a build would delete it", "出力先のフォルダ %s はプロジェクトの %s フォルダです。書き出すとこのフォルダが消えてしまいます"},
	{"the output folder %s holds the project folder %s: a build would delete its sources", "出力先のフォルダ %s の中にプロジェクトのフォルダ %s があります。書き出すと元のファイルが消えてしまいます"},
	{"the output folder %s holds the project's folder %s: a build would delete it", "出力先のフォルダ %s の中にプロジェクトの %s フォルダがあります。書き出すとこのフォルダが消えてしまいます"},
	{"the output folder %s is inside the project's folder %s: a build would write into the sources", "出力先のフォルダ %s はプロジェクトの %s フォルダの中にあります。書き出すと元のファイルの中に書き込んでしまいます"},
	{"check the folder's permissions; nothing was changed", "フォルダのアクセス権を確かめてください。何も変更していません"},
	{"cannot read the output folder %s: %v", "出力先のフォルダ %s を読み込めません：%v"},
	{"give the folder it points to as -out, or remove the link; nothing was changed", "リンク先のフォルダを -out に指定するか、リンクを削除してください。何も変更していません"},
	{"the output folder %s is a symbolic link (to %s)", "出力先のフォルダ %s はシンボリックリンク（リンク先：%s）です"},
	{"choose a folder for the site; nothing was changed", "サイトを書き出すフォルダを指定してください。何も変更していません"},
	{"the output %s is a file, not a folder", "出力先の %s はフォルダではなくファイルです"},
	{"a build replaces the whole output folder: choose a new or empty folder, or add -force to delete what it holds", "書き出しでは出力先のフォルダの中身がすべて置き換わります。新しいフォルダか空のフォルダを指定するか、中身を消してよければ -force を付けてください"},
	{"the output folder %s is not empty (it holds %s) and is not the output of a Tebiki build (it has no %s)", "出力先のフォルダ %s は空ではなく（%s があります）、Tebiki が書き出したフォルダでもありません（%s がありません）"},

	// wasm/decide: checking the questions and outcomes of a procedure.
	{"question %q has no answers", "質問 %q に回答がありません"},
	{"expiry question %q needs the answer %q", "有効期限の質問 %q には回答 %q が必要です"},
	{"an expiry question has only the answers too_early, open and expired, not %q", "有効期限の質問の回答は too_early、open、expired だけです。%q は使えません"},
	{"question %q depends on %q, which is asked after it; move it below", "質問 %[1]q が、後で聞く質問 %[2]q の回答を条件にしています。%[1]q を %[2]q より下に移してください"},
	{"unknown question %q; the questions are %s", "不明な質問 %q です。質問は %s です"},
	{"question %q has no answer %q; its answers are %s", "質問 %q に回答 %q はありません。回答は %s です"},
	{"the questions allow %d or more combinations of answers; use ask_if so each question is asked only where it matters, or split the procedure", "回答の組み合わせが %d 通り以上あります。ask_if で必要なときだけ質問するか、手続きを分けてください"},
	{"no outcome for the answers %s; add an outcome whose \"when\" covers them", "回答 %w に当てはまる結果がありません。この回答を \"when\" に含む結果を追加してください"},
	{"the answers %s reach more than one outcome: %s; make their \"when\" exclusive", "回答 %w が複数の結果に当てはまります：%s。\"when\" が重ならないようにしてください"},
	{"question %q can never be asked: no answers to earlier questions satisfy its ask_if", "質問 %q が聞かれることはありません。前の質問のどの回答でも ask_if を満たしません"},
	{"outcome %q is never reached: no combination of answers satisfies its \"when\"", "結果 %q にたどり着くことはありません。どの回答の組み合わせでも \"when\" を満たしません"},
	{"this item never applies: its \"when\" never holds together with the outcome's", "この項目が使われることはありません。項目の \"when\" が結果の条件と同時に成り立つことがありません"},
	{"this warning never applies: its \"when\" never holds together with the outcome's", "この注意事項が使われることはありません。注意事項の \"when\" が結果の条件と同時に成り立つことがありません"},
	{"question %s has no answer %q", "質問 %s に回答 %q はありません"},
	{"the procedure has %d questions, more than %d; split it into several procedures", "この手続きには質問が %d 個あり、上限の %d 個を超えています。手続きを分けてください"},
	{"the procedure has %d outcomes, more than %d; split it into several procedures", "この手続きには結果が %d 個あり、上限の %d 個を超えています。手続きを分けてください"},
	{"outcomes %s and %s both match the answers %s", "結果 %s と %s の両方が回答 %w に当てはまります"},
	{"no outcome matches the answers %s", "回答 %w に当てはまる結果がありません"},
}

// terms translates the words and phrases filled into messages (the %w verb):
// names of things, languages, what yamlx found, and yaml.v3's syntax errors.
var terms = [][2]string{
	// what an ID names (checkID, checkEntries, resolver.item)
	{"procedure", "手続き"},
	{"city", "市"},
	{"office", "窓口"},
	{"question", "質問"},
	{"answer", "回答"},
	{"outcome", "結果"},
	{"document", "書類"},
	{"notice", "注意事項"},
	// languages
	{"ja", "日本語"},
	{"en", "英語"},
	{"Japanese", "日本語"},
	{"English", "英語"},
	// yamlx kindName
	{"a mapping (key: value)", "「キー: 値」の組"},
	{"a list", "リスト"},
	{"an alias", "エイリアス"},
	{"nothing", "空の値"},
	// answers of a path, fees, pages
	{"(none)", "（なし）"},
	{"no stated fee", "手数料の記載なし"},
	{"%d yen", "%d 円"},
	{"the top page", "トップページ"},
	{"the city %s", "市 %s"},
	{"the procedure %s", "手続き %s"},
	// yaml.v3 syntax errors
	{"mapping values are not allowed in this context", "ここには「キー: 値」を書けません"},
	{"mapping keys are not allowed in this context", "ここにはキーを書けません"},
	{"did not find expected key", "キーがあるはずの所にありません"},
	{"could not find expected ':'", "コロン（:）が見つかりません"},
	{"did not find expected node content", "値があるはずの所にありません"},
	{"did not find expected '-' indicator", "「- 」があるはずの所にありません"},
	{"did not find expected ',' or ']'", "「,」か「]」が見つかりません"},
	{"did not find expected ',' or '}'", "「,」か「}」が見つかりません"},
	{"did not find expected comment or line break", "行の終わりに余分な文字があります"},
	{"did not find expected alphabetic or numeric character", "英数字があるはずの所にありません"},
	{"found character that cannot start any token", "値の始めに使えない文字があります"},
	{"found unexpected end of stream", "ファイルが途中で終わっています。引用符を閉じ忘れていませんか"},
	{"found a tab character that violates indentation", "字下げにタブ文字が使われています"},
	{"found a tab character where an indentation space is expected", "字下げにタブ文字が使われています"},
	{"block sequence entries are not allowed in this context", "ここには「- 」で始まるリストを書けません"},
	{"found unknown escape character", "引用符の中に使えない「\\」の組み合わせがあります"},
	{"found unexpected document indicator", "途中に「---」か「...」の行があります"},
	{"found undefined tag handle", "定義されていないタグがあります"},
}

// entry is one compiled catalog line.
type entry struct {
	en, ja string
	re     *regexp.Regexp
	nargs  int // pieces matched by re
	lit    int // length of the literal text of en, to try specific formats first
}

type catalog []entry

var (
	messageCatalog = sync.OnceValue(func() catalog { return mustCompile(messages) })
	termCatalog    = sync.OnceValue(func() catalog { return mustCompile(terms) })
)

// quotedRE matches a string as %q renders it.
const quotedRE = `"(?:[^"\\]|\\.)*"`

// compileEntry turns an English format into an anchored regexp with one group a verb.
func compileEntry(en, ja string) (entry, error) {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	e := entry{en: en, ja: ja}
	lit := 0
	for i := 0; i < len(en); i++ {
		c := en[i]
		if c != '%' {
			j := i
			for j < len(en) && en[j] != '%' {
				j++
			}
			b.WriteString(regexp.QuoteMeta(en[i:j]))
			lit += j - i
			i = j - 1
			continue
		}
		if i+1 >= len(en) {
			return e, fmt.Errorf("%q: %% at the end", en)
		}
		i++
		switch en[i] {
		case '%':
			b.WriteString("%")
			lit++
			continue
		case 'q':
			b.WriteString("(" + quotedRE + ")")
		case 's', 'v':
			b.WriteString(`(.+?)`)
		case 'd':
			b.WriteString(`(-?\d+)`)
		default:
			return e, fmt.Errorf("%q: unsupported verb %%%c", en, en[i])
		}
		e.nargs++
	}
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return e, fmt.Errorf("%q: %v", en, err)
	}
	e.re, e.lit = re, lit
	if _, err := e.jaRefs(); err != nil {
		return e, err
	}
	return e, nil
}

// jaRefs lists the pieces (0-based) the Japanese format uses, in order.
func (e entry) jaRefs() ([]int, error) {
	var refs []int
	err := e.walkJa(func(lit string) {}, func(arg int, verb byte) { refs = append(refs, arg) })
	return refs, err
}

// walkJa parses the Japanese format, calling text for literal text and arg
// for each verb with the 0-based index of its piece.
func (e entry) walkJa(text func(string), arg func(int, byte)) error {
	next := 0
	f := e.ja
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			j := i
			for j < len(f) && f[j] != '%' {
				j++
			}
			text(f[i:j])
			i = j - 1
			continue
		}
		i++
		if i >= len(f) {
			return fmt.Errorf("%q: %% at the end", e.ja)
		}
		if f[i] == '%' {
			text("%")
			continue
		}
		if f[i] == '[' {
			end := strings.IndexByte(f[i:], ']')
			if end < 0 {
				return fmt.Errorf("%q: unclosed [", e.ja)
			}
			n, err := strconv.Atoi(f[i+1 : i+end])
			if err != nil || n < 1 {
				return fmt.Errorf("%q: bad index %q", e.ja, f[i+1:i+end])
			}
			next = n - 1
			i += end + 1
			if i >= len(f) {
				return fmt.Errorf("%q: index without a verb", e.ja)
			}
		}
		switch f[i] {
		case 's', 'v', 'q', 'd', 'w', 'm':
		default:
			return fmt.Errorf("%q: unsupported verb %%%c", e.ja, f[i])
		}
		if next >= e.nargs {
			return fmt.Errorf("%q: piece %d of %d", e.ja, next+1, e.nargs)
		}
		arg(next, f[i])
		next++
	}
	return nil
}

func mustCompile(src [][2]string) catalog {
	c, err := compileCatalog(src)
	if err != nil {
		panic("diag: " + err.Error())
	}
	return c
}

func compileCatalog(src [][2]string) (catalog, error) {
	c := make(catalog, 0, len(src))
	for _, p := range src {
		e, err := compileEntry(p[0], p[1])
		if err != nil {
			return nil, err
		}
		c = append(c, e)
	}
	// The most specific formats first: more literal text, then fewer pieces.
	sort.SliceStable(c, func(i, j int) bool {
		if c[i].lit != c[j].lit {
			return c[i].lit > c[j].lit
		}
		return c[i].nargs < c[j].nargs
	})
	return c, nil
}

// translate renders s with the first entry of c that matches it.
func (c catalog) translate(s string) (string, bool) {
	if s == "" {
		return s, false
	}
	for _, e := range c {
		m := e.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		return e.render(m[1:]), true
	}
	return s, false
}

// render fills the Japanese format of e with the matched pieces.
func (e entry) render(pieces []string) string {
	var b strings.Builder
	dropSpace := false // the last piece ends in Japanese: drop a space before Japanese text
	e.walkJa(func(lit string) {
		if dropSpace && len(lit) > 1 && lit[0] == ' ' {
			if r, _ := utf8.DecodeRuneInString(lit[1:]); r >= utf8.RuneSelf {
				lit = lit[1:]
			}
		}
		dropSpace = false
		b.WriteString(lit)
	}, func(i int, verb byte) {
		p := pieces[i]
		dropSpace = false
		var ok bool
		switch verb {
		case 'w':
			p, ok = termCatalog().translate(p)
		case 'm':
			p, ok = translateMessage(p)
		}
		if ok && p != "" {
			// Japanese text joins the Japanese around it without spaces.
			if first, _ := utf8.DecodeRuneInString(p); first >= utf8.RuneSelf {
				s := b.String()
				if before, found := strings.CutSuffix(s, " "); found {
					if r, _ := utf8.DecodeLastRuneInString(before); r >= utf8.RuneSelf {
						b.Reset()
						b.WriteString(before)
					}
				}
			}
			last, _ := utf8.DecodeLastRuneInString(p)
			dropSpace = last >= utf8.RuneSelf
		}
		b.WriteString(p)
	})
	return b.String()
}

// posPrefix matches a message that starts with a position, as the decision
// core's errors do ("rules/sanda/renewal.yaml:2:1: no outcome matches …").
var posPrefix = regexp.MustCompile(`(?s)^(\S+): (.+)$`)

// translateMessage translates a whole message or hint and reports whether it
// was known.
func translateMessage(s string) (string, bool) {
	if t, ok := messageCatalog().translate(s); ok {
		return t, true
	}
	if m := posPrefix.FindStringSubmatch(s); m != nil {
		if t, ok := messageCatalog().translate(m[2]); ok {
			return m[1] + ": " + t, true
		}
	}
	return s, false
}

func localizeMessage(s string) string {
	t, _ := translateMessage(s)
	return t
}
