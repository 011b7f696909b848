package decide

// Validate checks the procedure once, at load: duplicate IDs, references to
// unknown questions or answers, questions that can never be asked, outcomes and
// items that no answers reach, and answer combinations that reach no outcome or
// more than one. It returns every problem found, each with its position.
func (p *Procedure) Validate() []*Error {
	var errs []*Error
	add := func(pos Pos, format string, args ...string) { errs = append(errs, errorf(pos, format, args...)) }

	// Every path is checked against every outcome: bound both factors.
	if len(p.Questions) > MaxQuestions {
		add(p.Pos, "the procedure has %s questions, more than %s; split it into several procedures", itoa(len(p.Questions)), itoa(MaxQuestions))
		return errs
	}
	if len(p.Outcomes) > MaxOutcomes {
		add(p.Pos, "the procedure has %s outcomes, more than %s; split it into several procedures", itoa(len(p.Outcomes)), itoa(MaxOutcomes))
		return errs
	}

	index := map[string]int{}
	for i, q := range p.Questions {
		if j, dup := index[q.ID]; dup {
			add(q.Pos, "%s %q is redeclared; first declared at %s", "question", q.ID, p.Questions[j].Pos.String())
			continue
		}
		index[q.ID] = i
		if len(q.Answers) == 0 {
			add(q.Pos, "question %q has no answers", q.ID)
		}
		seen := map[string]bool{}
		first := map[string]Pos{}
		for _, a := range q.Answers {
			if seen[a.ID] {
				add(a.Pos, "%s %q is redeclared in question %q; first declared at %s", "answer", a.ID, q.ID, first[a.ID].String())
				continue
			}
			seen[a.ID] = true
			first[a.ID] = a.Pos
		}
		if q.Kind == Expiry {
			for _, want := range []string{TooEarly, Open, Expired} {
				if !seen[want] {
					add(q.Pos, "expiry question %q needs the answer %q", q.ID, want)
				}
			}
			for _, a := range q.Answers {
				if a.ID != TooEarly && a.ID != Open && a.ID != Expired {
					add(a.Pos, "an expiry question has only the answers too_early, open and expired, not %q", a.ID)
				}
			}
		}
		// ask_if may only look at questions asked before this one.
		for _, cl := range q.AskIf {
			if j, ok := index[cl.Question]; ok && j < i {
				continue
			}
			if _, ok := p.question(cl.Question); ok {
				add(cl.Pos, "question %q depends on %q, which is asked after it; move it below", q.ID, cl.Question)
			}
		}
	}
	checkCond := func(c Cond) {
		for _, cl := range c {
			q, ok := p.question(cl.Question)
			if !ok {
				if close := closest(cl.Question, p.Questions); close != "" {
					add(cl.Pos, "unknown question %q; the questions are %s (did you mean %q?)", cl.Question, p.questionList(), close)
				} else {
					add(cl.Pos, "unknown question %q; the questions are %s", cl.Question, p.questionList())
				}
				continue
			}
			for _, a := range cl.Answers {
				if q.Answer(a) == nil {
					add(cl.Pos, "question %q has no answer %q; its answers are %s", q.ID, a, answerList(q))
				}
			}
		}
	}
	outcomeIDs := map[string]Pos{}
	for _, q := range p.Questions {
		checkCond(q.AskIf)
	}
	for _, o := range p.Outcomes {
		if first, dup := outcomeIDs[o.ID]; dup {
			add(o.Pos, "%s %q is redeclared; first declared at %s", "outcome", o.ID, first.String())
		} else {
			outcomeIDs[o.ID] = o.Pos
		}
		checkCond(o.When)
		for _, v := range o.Visits {
			for _, it := range v.Items {
				checkCond(it.When)
			}
		}
		for _, it := range o.Warnings {
			checkCond(it.When)
		}
	}
	if len(errs) > 0 {
		return errs // paths over broken references would only repeat them
	}

	asked := map[string]bool{}
	reached := map[*Outcome]bool{}
	itemUsed := map[*Item]bool{}
	paths := p.Paths()
	if len(paths) >= MaxPaths {
		add(p.Pos, "the questions allow %s or more combinations of answers; use ask_if so each question is asked only where it matters, or split the procedure", itoa(MaxPaths))
		return errs
	}
	for _, path := range paths {
		for _, a := range path.Asked {
			asked[a.Question.ID] = true
		}
		switch len(path.Outcomes) {
		case 0:
			add(p.Pos, "no outcome for the answers %s; add an outcome whose \"when\" covers them", path.Answers.String(p))
		case 1:
		default:
			// The first few: listing hundreds, for thousands of
			// paths, took minutes.
			var names []byte
			for i, o := range path.Outcomes {
				if i == maxListed {
					names = append(names, ", and "+itoa(len(path.Outcomes)-maxListed)+" more"...)
					break
				}
				if i > 0 {
					names = append(names, ", "...)
				}
				names = append(names, o.ID+" ("+o.Pos.String()+")"...)
			}
			add(path.Outcomes[1].Pos, "the answers %s reach more than one outcome: %s; make their \"when\" exclusive", path.Answers.String(p), string(names))
		}
		for _, o := range path.Outcomes {
			reached[o] = true
			for _, v := range o.Visits {
				for _, it := range v.Items {
					if it.When.Holds(path.Answers) {
						itemUsed[it] = true
					}
				}
			}
			for _, it := range o.Warnings {
				if it.When.Holds(path.Answers) {
					itemUsed[it] = true
				}
			}
		}
	}
	for _, q := range p.Questions {
		if !asked[q.ID] {
			add(q.Pos, "question %q can never be asked: no answers to earlier questions satisfy its ask_if", q.ID)
		}
	}
	for _, o := range p.Outcomes {
		if !reached[o] {
			add(o.Pos, "outcome %q is never reached: no combination of answers satisfies its \"when\"", o.ID)
			continue
		}
		for _, v := range o.Visits {
			for _, it := range v.Items {
				if !itemUsed[it] {
					add(it.Pos, "this item never applies: its \"when\" never holds together with the outcome's")
				}
			}
		}
		for _, it := range o.Warnings {
			if !itemUsed[it] {
				add(it.Pos, "this warning never applies: its \"when\" never holds together with the outcome's")
			}
		}
	}
	return errs
}

func (p *Procedure) question(id string) (*Question, bool) {
	for _, q := range p.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return nil, false
}

// questionList lists the IDs of the questions, for a message.
func (p *Procedure) questionList() string {
	s := ""
	for i, q := range p.Questions {
		if i > 0 {
			s += ", "
		}
		s += q.ID
	}
	return s
}

// closest returns the question ID nearest to id by edit distance, if near.
func closest(id string, qs []*Question) string {
	return suggest(id, len(qs), func(i int) string { return qs[i].ID })
}

func answerList(q *Question) string {
	s := ""
	for i, a := range q.Answers {
		if i > 0 {
			s += ", "
		}
		s += a.ID
	}
	return s
}
