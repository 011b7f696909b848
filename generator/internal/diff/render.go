package diff

import (
	"fmt"
	"io"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

func answers(as []decide.Asked, lang string) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, rules.AnswerPhrase(lang, a.Question.Text.In(lang), a.Answer.Label.In(lang), false))
	}
	if len(parts) == 0 {
		if lang == "ja" {
			return "（質問なし）"
		}
		return "(no questions)"
	}
	sep := "; "
	if lang == "ja" {
		sep = "　"
	}
	return strings.Join(parts, sep)
}

// Text writes the report for the terminal: each line in Japanese, then English.
func (r *Report) Text(w io.Writer) {
	fmt.Fprintf(w, "住民向けの変更 / Changes for residents: %s → %s\n", r.From, r.To)
	if r.Empty() {
		fmt.Fprintln(w, "変更はありません / Nothing changes for residents.")
		return
	}
	r.writeProcs(w, false)
}
