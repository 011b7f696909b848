package rules

// AnswerPhrase is the one "question → answer" phrase of Tebiki, used where a
// page or report says which answers lead somewhere: plain ("Q → A"), or
// quoted ("“Q” → “A”", in Japanese 「Q」→「A」) where it stands in a sentence.
func AnswerPhrase(lang, question, answer string, quoted bool) string {
	switch {
	case !quoted:
		return question + " → " + answer
	case lang == "ja":
		return "「" + question + "」→「" + answer + "」"
	}
	return "“" + question + "” → “" + answer + "”"
}
