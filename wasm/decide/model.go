// Package decide is Tebiki's decision core: the rule model of one procedure in
// one city, and the pure functions that walk it. Given a set of answers it
// returns the next question to ask or the outcome (visits, documents, warnings),
// and explains why each item is there.
//
// The same package runs in the generator, which enumerates every path into
// static pages, and in the browser, compiled to WebAssembly. It therefore does
// no I/O and imports nothing beyond strconv and unicode/utf8 (not even strings,
// which brings Unicode tables): what the core imports
// is what every resident downloads.
//
// It owns the rule model, the decision walk, the enums (enums.go) and the
// wire format to the browser (wire.go). It must not import os, time, fmt,
// reflect, encoding/json, syscall/js or anything of the generator (the
// imports are frozen by package layers).
package decide

// Pos is a position in a rule file, kept so that every problem found in the
// rules can be reported as file:line:col.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.File == "" {
		return "-"
	}
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + itoa(p.Line) + ":" + itoa(p.Col)
}

// QuestionKind tells how a question is answered.
type QuestionKind int

const (
	// Choice questions are answered by picking one of a fixed set of answers.
	Choice QuestionKind = iota
	// Expiry questions ask where today falls against the certificate's expiry.
	// Their answers are exactly TooEarly, Open and Expired; the interactive
	// checker may compute the answer from dates (see ExpiryStatus).
	Expiry
)

// Answer IDs of an Expiry question.
const (
	TooEarly = "too_early" // more than 3 months before expiry: renewal not open yet
	Open     = "open"      // within 3 months before expiry, or on the day itself
	Expired  = "expired"   // after the expiry date
)

// Procedure is the rule model of one procedure (for example certificate renewal)
// in one city.
type Procedure struct {
	City, ID  string
	Title     Text
	Questions []*Question
	Outcomes  []*Outcome
	// WindowMonths is how many months before expiry renewal opens.
	WindowMonths int
	Pos          Pos
}

// Question is one question the checker may ask.
type Question struct {
	ID      string
	Kind    QuestionKind
	Text    Text
	Help    Text
	Answers []*Answer
	// AskIf must hold, over the answers given to earlier questions, for the
	// question to be asked at all.
	AskIf Cond
	Pos   Pos
}

// Answer is one of the fixed answers of a question.
type Answer struct {
	ID    string
	Label Text
	Pos   Pos
}

// Answer returns the answer of q with the given id, or nil.
func (q *Question) Answer(id string) *Answer {
	for _, a := range q.Answers {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Cond holds when each of its clauses holds. The empty Cond always holds.
type Cond []Clause

// Clause holds when the question was asked and answered with one of Answers.
type Clause struct {
	Question string
	Answers  []string
	Pos      Pos
}

// Answers maps question IDs to answer IDs.
type Answers map[string]string

// Holds reports whether c holds for the answers a.
func (c Cond) Holds(a Answers) bool {
	for _, cl := range c {
		if !cl.holds(a) {
			return false
		}
	}
	return true
}

func (cl Clause) holds(a Answers) bool {
	got, ok := a[cl.Question]
	if !ok {
		return false
	}
	for _, want := range cl.Answers {
		if got == want {
			return true
		}
	}
	return false
}

// OutcomeKind tells what an outcome is.
type OutcomeKind int

const (
	// Checklist outcomes list the visits and what to bring on each.
	Checklist OutcomeKind = iota
	// NotYet outcomes say the procedure cannot be done yet, and from when.
	NotYet
	// Contact outcomes say the rules do not cover the case: ask the office.
	Contact
)

// Outcome is what the resident gets for a combination of answers.
type Outcome struct {
	ID       string
	Kind     OutcomeKind
	When     Cond
	Title    Text
	Summary  Text
	Visits   []*Visit
	Warnings []*Item
	Pos      Pos
}

// Visit is one trip to the counter.
type Visit struct {
	Title Text
	// SameDay tells whether the procedure is completed on this visit, where
	// the city says so.
	SameDay Completion
	Note    Text
	Items   []*Item
	Pos     Pos
}

// Completion tells whether a visit completes the procedure on the day.
type Completion int

const (
	// Unstated means the city's page does not say.
	Unstated Completion = iota
	// SameDay means the certificates are issued or reset on the visit.
	SameDay
	// NotSameDay means the visit does not complete the procedure on the day.
	NotSameDay
)

// Item is one thing to bring, or one warning.
type Item struct {
	// Ref names the shared fact the item came from (a document ID), if any.
	Ref   string
	Text  Text
	Notes []Text
	When  Cond
	// Why is the rule author's explanation; the core adds the answers that
	// put the item on the list.
	Why Text
	Pos Pos
}
