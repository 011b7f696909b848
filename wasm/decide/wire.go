package decide

// The wire format between the generator, the page and the WebAssembly core.
// It is JSON, so that the page's script reads it with JSON.parse, written and
// read here without encoding/json (see json.go). There are three shapes:
//
//   - the procedure (EncodeProcedure, DecodeProcedure): what the checker asks
//     and decides with. Questions carry their texts and answers; outcomes
//     carry their ID, kind and condition only. What an outcome lists (visits,
//     documents, warnings, offices) is not on the wire: the page carries each
//     path's outcome as HTML rendered by the generator with the same
//     templates as the static outcome pages, so there is one rendering.
//   - a step (Procedure.Step, Step.Encode, DecodeStep): the answers read from
//     a fragment, and the next question or the outcome they lead to.
//   - an expiry computation (ExpiryStepOf, ExpiryStep.Encode).
//
// Empty fields are left out. Strings escape '<', '>' and '&', so the
// procedure can be embedded in an HTML <script> element as it is.

// EncodeProcedure writes the procedure's wire form. With lang set (a
// language code of the site), texts are written in that language only.
func EncodeProcedure(p *Procedure, lang string) string {
	in := func(t Text) Text {
		if lang == "" || t.IsZero() {
			return t
		}
		return Text{{lang, t.In(lang)}}
	}
	cond := func(o *jobj, k string, c Cond) {
		o.arr(k, len(c), func(i int) {
			o.w.obj(func(o *jobj) {
				o.str("q", c[i].Question)
				o.arr("a", len(c[i].Answers), func(j int) { o.w.str(c[i].Answers[j]) })
			})
		})
	}
	w := &jw{}
	w.obj(func(o *jobj) {
		o.str("city", p.City)
		o.str("id", p.ID)
		o.text("title", in(p.Title))
		o.num("window_months", p.WindowMonths)
		o.arr("questions", len(p.Questions), func(i int) {
			q := p.Questions[i]
			o.w.obj(func(o *jobj) {
				o.str("id", q.ID)
				if q.Kind != Choice {
					o.str("kind", q.Kind.String())
				}
				o.text("text", in(q.Text))
				o.text("help", in(q.Help))
				cond(o, "ask_if", q.AskIf)
				o.arr("answers", len(q.Answers), func(j int) {
					a := q.Answers[j]
					o.w.obj(func(o *jobj) { o.str("id", a.ID); o.text("label", in(a.Label)) })
				})
			})
		})
		o.arr("outcomes", len(p.Outcomes), func(i int) {
			oc := p.Outcomes[i]
			o.w.obj(func(o *jobj) {
				o.str("id", oc.ID)
				if oc.Kind != Checklist {
					o.str("kind", oc.Kind.String())
				}
				cond(o, "when", oc.When)
			})
		})
	})
	return string(w.b)
}

// DecodeProcedure reads a procedure's wire form and validates it.
func DecodeProcedure(s string) (*Procedure, error) {
	v, err := parseJSON(s)
	if err != "" {
		return nil, wireError("rules: " + err)
	}
	if v.kind != 'o' {
		return nil, wireError("rules: not an object")
	}
	var bad []string
	cond := func(v jv) Cond {
		var c Cond
		for _, cl := range v.arr {
			var answers []string
			for _, a := range cl.get("a").arr {
				answers = append(answers, a.s)
			}
			c = append(c, Clause{Question: cl.str("q"), Answers: answers})
		}
		return c
	}
	p := &Procedure{City: v.str("city"), ID: v.str("id"), Title: v.text("title"), WindowMonths: int(v.get("window_months").n)}
	for _, qv := range v.get("questions").arr {
		q := &Question{ID: qv.str("id"), Text: qv.text("text"), Help: qv.text("help"), AskIf: cond(qv.get("ask_if"))}
		k, ok := ParseQuestionKind(qv.str("kind"))
		if !ok {
			bad = append(bad, "question "+q.ID+": kind "+quote(qv.str("kind")))
		}
		q.Kind = k
		for _, av := range qv.get("answers").arr {
			q.Answers = append(q.Answers, &Answer{ID: av.str("id"), Label: av.text("label")})
		}
		p.Questions = append(p.Questions, q)
	}
	for _, ov := range v.get("outcomes").arr {
		o := &Outcome{ID: ov.str("id"), When: cond(ov.get("when"))}
		k, ok := ParseOutcomeKind(ov.str("kind"))
		if !ok {
			bad = append(bad, "outcome "+o.ID+": kind "+quote(ov.str("kind")))
		}
		o.Kind = k
		p.Outcomes = append(p.Outcomes, o)
	}
	if len(bad) > 0 {
		return nil, wireError("rules: unknown " + join(bad, "; "))
	}
	if problems := p.Validate(); len(problems) > 0 {
		return nil, wireError("rules do not validate: " + problems[0].Msg)
	}
	return p, nil
}

// Pair is a question ID and the ID of its answer.
type Pair struct{ Question, Answer string }

// Step is where a checker session stands: the answers kept from a fragment,
// in the order asked, and either the next question or the outcome.
type Step struct {
	Asked []Pair
	// Next is the ID of the question to ask next; Outcome the ID of the
	// outcome reached. One of them is set, unless Error is.
	Next, Outcome string
	// Path names the static flow page of these answers: the answer IDs
	// joined by dots, as in check/open.proxy.html ("" for the first).
	Path string
	// Fragment is the fragment that records these answers ("check=…").
	Fragment string
	// Dropped tells that the fragment held something that could not be used.
	Dropped bool
	Error   string
}

// Step reads the fragment (see ParseFragment) and decides with what it keeps.
func (p *Procedure) Step(fragment string) Step {
	f := p.ParseFragment(fragment)
	st := Step{Dropped: f.Dropped}
	r, err := p.Decide(f.Answers)
	if err != nil {
		st.Error = err.(*Error).Msg
		return st
	}
	var segs []string
	for _, a := range r.Asked {
		st.Asked = append(st.Asked, Pair{a.Question.ID, a.Answer.ID})
		segs = append(segs, a.Answer.ID)
	}
	st.Path = join(segs, ".")
	st.Fragment = FragmentOf(r.Asked)
	if r.Next != nil {
		st.Next = r.Next.ID
	} else {
		st.Outcome = r.Outcome.ID
	}
	return st
}

// Encode writes the step's wire form.
func (s Step) Encode() string {
	w := &jw{}
	w.obj(func(o *jobj) {
		o.arr("asked", len(s.Asked), func(i int) {
			o.w.raw("[")
			o.w.str(s.Asked[i].Question)
			o.w.raw(",")
			o.w.str(s.Asked[i].Answer)
			o.w.raw("]")
		})
		o.str("next", s.Next)
		o.str("outcome", s.Outcome)
		o.str("path", s.Path)
		o.str("fragment", s.Fragment)
		o.boolean("dropped", s.Dropped)
		o.str("error", s.Error)
	})
	return string(w.b)
}

// DecodeStep reads a step's wire form.
func DecodeStep(s string) (Step, error) {
	v, err := parseJSON(s)
	if err != "" {
		return Step{}, wireError("step: " + err)
	}
	st := Step{Next: v.str("next"), Outcome: v.str("outcome"), Path: v.str("path"), Fragment: v.str("fragment"),
		Dropped: v.get("dropped").b, Error: v.str("error")}
	for _, a := range v.get("asked").arr {
		if len(a.arr) != 2 {
			return Step{}, wireError("step: an answer is not a pair")
		}
		st.Asked = append(st.Asked, Pair{a.arr[0].s, a.arr[1].s})
	}
	return st, nil
}

// ExpiryStep is the expiry date worked out from dates a resident knows, the
// day renewal opens, and where today falls (TooEarly, Open or Expired).
type ExpiryStep struct {
	Expiry, Opens Date
	Status        string
	Error         string
}

// ExpiryStepOf works out the expiry from the dates given (YYYY-MM-DD or
// empty): the printed expiry date, or the issue date with the date of birth,
// or the end of the period of stay.
func ExpiryStepOf(printed, issued, birthday, stayUntil, today string, months int) ExpiryStep {
	var in ExpiryInput
	for _, f := range []struct {
		s   string
		dst *Date
	}{{printed, &in.Printed}, {issued, &in.Issued}, {birthday, &in.Birthday}, {stayUntil, &in.StayUntil}} {
		if f.s == "" {
			continue
		}
		d, ok := ParseDate(f.s)
		if !ok {
			return ExpiryStep{Error: "not a date: " + quote(f.s)}
		}
		*f.dst = d
	}
	now, ok := ParseDate(today)
	if !ok {
		return ExpiryStep{Error: "today is not a date"}
	}
	exp, ok := in.Expiry()
	if !ok {
		return ExpiryStep{Error: "these dates give no expiry date"}
	}
	return ExpiryStep{Expiry: exp, Opens: RenewalOpens(exp, months), Status: ExpiryStatus(exp, now, months)}
}

// Encode writes the expiry step's wire form. The page writes the dates in its
// language with the theme's date format.
func (e ExpiryStep) Encode() string {
	w := &jw{}
	w.obj(func(o *jobj) {
		if e.Error != "" {
			o.str("error", e.Error)
			return
		}
		o.str("expiry", e.Expiry.String())
		o.str("opens", e.Opens.String())
		o.str("status", e.Status)
	})
	return string(w.b)
}

// DecodeExpiryStep reads an expiry step's wire form.
func DecodeExpiryStep(s string) (ExpiryStep, error) {
	v, err := parseJSON(s)
	if err != "" {
		return ExpiryStep{}, wireError("expiry: " + err)
	}
	e := ExpiryStep{Status: v.str("status"), Error: v.str("error")}
	if e.Error == "" {
		var ok1, ok2 bool
		e.Expiry, ok1 = ParseDate(v.str("expiry"))
		e.Opens, ok2 = ParseDate(v.str("opens"))
		if !ok1 || !ok2 {
			return ExpiryStep{}, wireError("expiry: bad dates")
		}
	}
	return e, nil
}

// wireError is a wire form that cannot be read: the page is damaged or was
// not written by this version of the generator. It is for developers; a
// resident sees the checker's failure message and the static pages.
type wireError string

func (e wireError) Error() string { return string(e) }

// join is strings.Join, which the core does without: the strings package
// brings Unicode tables into the WebAssembly binary.
func join(parts []string, sep string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += sep
		}
		s += p
	}
	return s
}
