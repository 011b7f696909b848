package rules

// AnswerPhrase is the one "question → answer" phrase of Tebiki, used where a
// page or report says which answers lead somewhere: plain ("Q → A"), or
// quoted ("“Q” → “A”", in Japanese 「Q」→「A」) where it stands in a sentence.
func AnswerPhrase(w Words, question, answer string, quoted bool) string {
	if quoted {
		return w.F("answer.quoted", "q", question, "a", answer)
	}
	return w.F("answer", "q", question, "a", answer)
}
