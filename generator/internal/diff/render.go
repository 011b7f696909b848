package diff

import (
	"fmt"
	"io"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// answers writes the answers of a case in the language of w.
func answers(as []decide.Asked, w rules.Words) string {
	lang := w.Lang()
	var parts []string
	for _, a := range as {
		parts = append(parts, rules.AnswerPhrase(w, a.Question.Text.In(lang), a.Answer.Label.In(lang), false))
	}
	if len(parts) == 0 {
		return w.F("diff.no_questions")
	}
	return strings.Join(parts, w.F("conds.sep"))
}

// AnswersText writes the answers of a case in every language.
func (r *Report) AnswersText(as []decide.Asked) decide.Text {
	return r.Words.Text(func(w rules.Words) string { return answers(as, w) })
}

// LangText is a text in one language, for listing a text's languages in order.
type LangText struct{ Lang, Text string }

// inOrder lists t in the site's languages, in order.
func (r *Report) inOrder(t decide.Text) []LangText {
	out := make([]LangText, 0, len(r.Langs))
	for _, l := range r.Langs {
		out = append(out, LangText{l, t.In(l)})
	}
	return out
}

// Text writes the report for the terminal: each line in every language of
// the site, in order.
func (r *Report) Text(w io.Writer) {
	fmt.Fprintf(w, "住民向けの変更 / Changes for residents: %s → %s\n", r.From, r.To)
	if r.Empty() {
		fmt.Fprintln(w, "変更はありません / Nothing changes for residents.")
		return
	}
	r.writeProcs(w, false)
}

// ProcName names a procedure with its city in lang: "三田市 電子証明書の発行",
// "Sanda City, Getting electronic certificates issued".
func (r *Report) ProcName(p Proc, lang string) string {
	return r.Words.Of(lang).F("city_proc", "city", p.CityName.In(lang), "proc", p.Title.In(lang))
}
