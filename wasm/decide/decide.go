package decide

// Result is the state of a checker session: either the next question or the outcome.
type Result struct {
	// Asked lists the questions asked so far, in order, with their answers.
	Asked []Asked
	// Next is the next question to ask; nil when an outcome was reached.
	Next *Question
	// Outcome is set when every relevant question has an answer.
	Outcome *Outcome
	// Visits and Warnings are the outcome's, keeping only the items whose
	// conditions hold, each with the reasons it is there.
	Visits   []VisitResult
	Warnings []ItemResult
	// Because lists the answers the outcome's condition depends on.
	Because []Asked
}

// Asked is a question and its answer.
type Asked struct {
	Question *Question
	Answer   *Answer
}

// VisitResult is a visit of the outcome with its applicable items.
type VisitResult struct {
	Visit *Visit
	Items []ItemResult
}

// ItemResult is an item of the outcome with the answers that put it there.
type ItemResult struct {
	Item *Item
	// Because lists every answer the item depends on: the outcome's
	// conditions and the item's own.
	Because []Asked
	// Own lists the answers of the item's own condition, which single it out
	// within the outcome.
	Own []Asked
}

// Error is a problem with answers or rules, with the position it concerns.
type Error struct {
	Pos Pos
	Msg string // in English
	// Format and Args are the message before formatting: Format is its key
	// in the catalogue of messages (generator/internal/diag), so the
	// generator can show it in Japanese too.
	Format string
	Args   []string
}

// errorf returns the error at pos with the message format filled with args:
// %q quotes the next value, %s inserts it as it is.
func errorf(pos Pos, format string, args ...string) *Error {
	var msg []byte
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) || next >= len(args) {
			msg = append(msg, c)
			continue
		}
		i++
		switch format[i] {
		case 'q':
			msg = append(msg, quote(args[next])...)
		default:
			msg = append(msg, args[next]...)
		}
		next++
	}
	return &Error{Pos: pos, Msg: string(msg), Format: format, Args: args}
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Decide walks the questions in order with the answers given and returns the
// next question to ask, or the outcome with its explanations. Answers to
// questions that are not asked on this path are ignored, so changing an earlier
// answer keeps the later ones that still apply.
func (p *Procedure) Decide(a Answers) (*Result, error) {
	r := &Result{}
	given := Answers{}
	for _, q := range p.Questions {
		if !q.AskIf.Holds(given) {
			continue
		}
		id, ok := a[q.ID]
		if !ok {
			r.Next = q
			return r, nil
		}
		ans := q.Answer(id)
		if ans == nil {
			return nil, errorf(q.Pos, "question %s has no answer %q", q.ID, id)
		}
		given[q.ID] = id
		r.Asked = append(r.Asked, Asked{q, ans})
	}
	var match *Outcome
	for _, o := range p.Outcomes {
		if o.When.Holds(given) {
			if match != nil {
				return nil, errorf(o.Pos, "outcomes %s and %s both match the answers %s", match.ID, o.ID, given.String(p))
			}
			match = o
		}
	}
	if match == nil {
		return nil, errorf(p.Pos, "no outcome matches the answers %s", given.String(p))
	}
	r.Outcome = match
	r.Because = p.because(match.When, r.Asked)
	base := r.Because
	for _, v := range match.Visits {
		vr := VisitResult{Visit: v}
		for _, it := range v.Items {
			if it.When.Holds(given) {
				own := p.because(it.When, r.Asked)
				vr.Items = append(vr.Items, ItemResult{it, merge(base, own), own})
			}
		}
		r.Visits = append(r.Visits, vr)
	}
	for _, it := range match.Warnings {
		if it.When.Holds(given) {
			own := p.because(it.When, r.Asked)
			r.Warnings = append(r.Warnings, ItemResult{it, merge(base, own), own})
		}
	}
	return r, nil
}

// because returns the asked questions that c depends on, in the order asked.
func (p *Procedure) because(c Cond, asked []Asked) []Asked {
	var out []Asked
	for _, a := range asked {
		for _, cl := range c {
			if cl.Question == a.Question.ID {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func merge(a, b []Asked) []Asked {
	out := append([]Asked(nil), a...)
next:
	for _, x := range b {
		for _, y := range out {
			if x.Question == y.Question {
				continue next
			}
		}
		out = append(out, x)
	}
	return out
}

// String renders answers as "q1=a1, q2=a2" in question order.
func (a Answers) String(p *Procedure) string {
	s := ""
	for _, q := range p.Questions {
		if id, ok := a[q.ID]; ok {
			if s != "" {
				s += ", "
			}
			s += q.ID + "=" + id
		}
	}
	if s == "" {
		return "(none)"
	}
	return s
}

// Path is one complete way through a procedure's questions.
type Path struct {
	Asked   []Asked
	Answers Answers
	// Outcomes lists every outcome whose condition holds: exactly one in valid rules.
	Outcomes []*Outcome
}

// MaxPaths bounds the paths of one procedure. Real procedures have a few
// dozen; rules with far more are a mistake, and enumerating them would stall
// the build and swell the static flow.
const MaxPaths = 5000

// MaxQuestions and MaxOutcomes bound the questions and outcomes of one
// procedure (real ones have a handful): every path is checked against every
// outcome, so a few kilobytes of rules could otherwise take minutes to load.
const (
	MaxQuestions = 100
	MaxOutcomes  = 500
)

// maxListed is how many outcomes a message names before "and N more".
const maxListed = 5

// Paths enumerates every combination of answers that the questions allow, in
// question and answer order, stopping after MaxPaths.
func (p *Procedure) Paths() []Path {
	var out []Path
	// One map and one list, changed on the way down and restored on the
	// way back: copying them at every step made the work grow with the
	// square of the number of questions.
	given := Answers{}
	var asked []Asked
	var walk func(i int)
	walk = func(i int) {
		if len(out) >= MaxPaths {
			return
		}
		for ; i < len(p.Questions); i++ {
			q := p.Questions[i]
			if !q.AskIf.Holds(given) {
				continue
			}
			prev, had := given[q.ID]
			for _, ans := range q.Answers {
				given[q.ID] = ans.ID
				asked = append(asked, Asked{q, ans})
				walk(i + 1)
				asked = asked[:len(asked)-1]
			}
			if had {
				given[q.ID] = prev
			} else {
				delete(given, q.ID)
			}
			return
		}
		path := Path{Asked: append([]Asked(nil), asked...), Answers: copyAnswers(given)}
		for _, o := range p.Outcomes {
			if o.When.Holds(path.Answers) {
				path.Outcomes = append(path.Outcomes, o)
			}
		}
		out = append(out, path)
	}
	walk(0)
	return out
}

func copyAnswers(a Answers) Answers {
	b := make(Answers, len(a)+1)
	for k, v := range a {
		b[k] = v
	}
	return b
}

// ExpiryQuestion returns the procedure's expiry question, or nil.
func (p *Procedure) ExpiryQuestion() *Question {
	for _, q := range p.Questions {
		if q.Kind == Expiry {
			return q
		}
	}
	return nil
}
