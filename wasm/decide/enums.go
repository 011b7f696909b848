package decide

// The spellings of the core's enums, in rule files, on the wire and in
// templates. Every other package uses these functions instead of writing the
// words out.

var (
	questionKinds = [...]string{Choice: "choice", Expiry: "expiry"}
	outcomeKinds  = [...]string{Checklist: "checklist", NotYet: "not_yet", Contact: "contact"}
	completions   = [...]string{Unstated: "", SameDay: "yes", NotSameDay: "no"}
)

// String returns the kind as rule files spell it: choice or expiry.
func (k QuestionKind) String() string { return spell(questionKinds[:], int(k)) }

// ParseQuestionKind reads a question kind; the empty string is Choice.
func ParseQuestionKind(s string) (QuestionKind, bool) {
	if s == "" {
		return Choice, true
	}
	i, ok := parse(questionKinds[:], s)
	return QuestionKind(i), ok
}

// QuestionKindNames lists the spellings, for messages and schemas.
func QuestionKindNames() []string { return append([]string(nil), questionKinds[:]...) }

// String returns the kind as rule files spell it: checklist, not_yet or contact.
func (k OutcomeKind) String() string { return spell(outcomeKinds[:], int(k)) }

// ParseOutcomeKind reads an outcome kind; the empty string is Checklist.
func ParseOutcomeKind(s string) (OutcomeKind, bool) {
	if s == "" {
		return Checklist, true
	}
	i, ok := parse(outcomeKinds[:], s)
	return OutcomeKind(i), ok
}

// OutcomeKindNames lists the spellings, for messages and schemas.
func OutcomeKindNames() []string { return append([]string(nil), outcomeKinds[:]...) }

// String returns the completion as rule files spell same_day: yes, no, or
// the empty string when the city does not say.
func (c Completion) String() string { return spell(completions[:], int(c)) }

// ParseCompletion reads same_day: yes, no, or the empty string (Unstated).
func ParseCompletion(s string) (Completion, bool) {
	i, ok := parse(completions[:], s)
	return Completion(i), ok
}

func spell(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return "?" + itoa(i)
	}
	return names[i]
}

func parse(names []string, s string) (int, bool) {
	for i, n := range names {
		if n == s {
			return i, true
		}
	}
	return 0, false
}
