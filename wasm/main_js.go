//go:build js && wasm

// Command wasm is the browser shell over the decision core: it exposes the
// core to the page's checker script as one global object, tebikiCore, and
// does nothing else. Rules are data: the page passes its procedure's rules as
// a plain JavaScript object (parsed from JSON embedded in the page), so a
// change to rules/ needs no rebuild of this binary.
//
// JavaScript API (all arguments are checked; errors come back as
// {error: "message"} rather than exceptions):
//
//	tebikiCore.load(rules) -> handle | {error}
//	    rules: the procedure object written by the generator (see
//	    generator/internal/site/checker.go).
//	tebikiCore.decide(handle, answers) -> result | {error}
//	    answers: {questionID: answerID}. The result holds either "next" (the
//	    question to ask) or "outcome" with its visits and warnings; "asked"
//	    lists the questions asked so far with their answers.
//	tebikiCore.fragment(handle, hash) -> {present, dropped, answers} | {error}
//	    hash: the page address's fragment, any text at all (see
//	    decide.ParseFragment); answers keeps what names a question and one
//	    of its answers, dropped tells that something else was there.
//	tebikiCore.expiry(input, today, months) -> {expiry, opens, status} | {error}
//	    input: {printed} or {issued, birthday} or {stay_until}, dates as
//	    YYYY-MM-DD; status is too_early, open or expired.
//
// It deliberately avoids encoding/json and fmt: what this package imports is
// what every resident downloads.
package main

import (
	"syscall/js"

	"github.com/tebiki/tebiki/wasm/decide"
)

var procs []*decide.Procedure

func main() {
	api := js.Global().Get("Object").New()
	api.Set("load", js.FuncOf(load))
	api.Set("decide", js.FuncOf(decideFn))
	api.Set("expiry", js.FuncOf(expiry))
	api.Set("fragment", js.FuncOf(fragment))
	js.Global().Set("tebikiCore", api)
	if ready := js.Global().Get("tebikiCoreReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

func errObj(msg string) any { return map[string]any{"error": msg} }

func str(v js.Value, key string) string {
	f := v.Get(key)
	if f.Type() != js.TypeString {
		return ""
	}
	return f.String()
}

func text(v js.Value, key string) decide.Text {
	t := v.Get(key)
	if t.Type() != js.TypeObject {
		return decide.Text{}
	}
	return decide.Text{Ja: str(t, "ja"), En: str(t, "en")}
}

func list(v js.Value, key string) []js.Value {
	a := v.Get(key)
	if a.Type() != js.TypeObject || !js.Global().Get("Array").Call("isArray", a).Bool() {
		return nil
	}
	out := make([]js.Value, a.Length())
	for i := range out {
		out[i] = a.Index(i)
	}
	return out
}

func cond(v js.Value, key string) decide.Cond {
	var c decide.Cond
	for _, cl := range list(v, key) {
		var answers []string
		for _, a := range list(cl, "answers") {
			if a.Type() == js.TypeString {
				answers = append(answers, a.String())
			}
		}
		c = append(c, decide.Clause{Question: str(cl, "question"), Answers: answers})
	}
	return c
}

func item(v js.Value) *decide.Item {
	it := &decide.Item{Ref: str(v, "ref"), Text: text(v, "text"), Why: text(v, "why"), When: cond(v, "when")}
	for _, n := range list(v, "notes") {
		it.Notes = append(it.Notes, decide.Text{Ja: str(n, "ja"), En: str(n, "en")})
	}
	return it
}

// load builds a procedure from the rules object and returns its handle.
func load(this js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeObject {
		return errObj("load(rules): rules must be an object")
	}
	r := args[0]
	p := &decide.Procedure{City: str(r, "city"), ID: str(r, "id"), Title: text(r, "title")}
	if m := r.Get("window_months"); m.Type() == js.TypeNumber {
		p.WindowMonths = m.Int()
	}
	for _, qv := range list(r, "questions") {
		q := &decide.Question{ID: str(qv, "id"), Text: text(qv, "text"), Help: text(qv, "help"), AskIf: cond(qv, "ask_if")}
		if str(qv, "kind") == "expiry" {
			q.Kind = decide.Expiry
		}
		for _, av := range list(qv, "answers") {
			q.Answers = append(q.Answers, &decide.Answer{ID: str(av, "id"), Label: text(av, "label")})
		}
		p.Questions = append(p.Questions, q)
	}
	for _, ov := range list(r, "outcomes") {
		o := &decide.Outcome{ID: str(ov, "id"), When: cond(ov, "when"), Title: text(ov, "title"), Summary: text(ov, "summary")}
		switch str(ov, "kind") {
		case "not_yet":
			o.Kind = decide.NotYet
		case "contact":
			o.Kind = decide.Contact
		}
		for _, vv := range list(ov, "visits") {
			vi := &decide.Visit{Title: text(vv, "title"), Note: text(vv, "note")}
			switch str(vv, "same_day") {
			case "yes":
				vi.SameDay = decide.SameDay
			case "no":
				vi.SameDay = decide.NotSameDay
			}
			for _, iv := range list(vv, "items") {
				vi.Items = append(vi.Items, item(iv))
			}
			o.Visits = append(o.Visits, vi)
		}
		for _, wv := range list(ov, "warnings") {
			o.Warnings = append(o.Warnings, item(wv))
		}
		p.Outcomes = append(p.Outcomes, o)
	}
	if problems := p.Validate(); len(problems) > 0 {
		return errObj("the rules do not validate: " + problems[0].Msg)
	}
	procs = append(procs, p)
	return len(procs) - 1
}

func jsText(t decide.Text) any { return map[string]any{"ja": t.Ja, "en": t.En} }

func jsAsked(as []decide.Asked) []any {
	out := make([]any, len(as))
	for i, a := range as {
		out[i] = map[string]any{"question": a.Question.ID, "answer": a.Answer.ID,
			"question_text": jsText(a.Question.Text), "answer_label": jsText(a.Answer.Label)}
	}
	return out
}

func jsItems(items []decide.ItemResult) []any {
	out := make([]any, len(items))
	for i, it := range items {
		notes := make([]any, len(it.Item.Notes))
		for j, n := range it.Item.Notes {
			notes[j] = jsText(n)
		}
		out[i] = map[string]any{"ref": it.Item.Ref, "text": jsText(it.Item.Text), "notes": notes,
			"why": jsText(it.Item.Why), "own": jsAsked(it.Own), "because": jsAsked(it.Because)}
	}
	return out
}

func sameDay(c decide.Completion) string {
	switch c {
	case decide.SameDay:
		return "yes"
	case decide.NotSameDay:
		return "no"
	}
	return ""
}

func decideFn(this js.Value, args []js.Value) any {
	if len(args) != 2 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeObject {
		return errObj("decide(handle, answers): want a handle from load and an object of answers")
	}
	h := args[0].Int()
	if h < 0 || h >= len(procs) {
		return errObj("decide: unknown handle")
	}
	p := procs[h]
	a := decide.Answers{}
	for _, q := range p.Questions {
		if v := args[1].Get(q.ID); v.Type() == js.TypeString {
			a[q.ID] = v.String()
		}
	}
	r, err := p.Decide(a)
	if err != nil {
		return errObj(err.(*decide.Error).Msg)
	}
	res := map[string]any{"asked": jsAsked(r.Asked)}
	if q := r.Next; q != nil {
		answers := make([]any, len(q.Answers))
		for i, an := range q.Answers {
			answers[i] = map[string]any{"id": an.ID, "label": jsText(an.Label)}
		}
		kind := "choice"
		if q.Kind == decide.Expiry {
			kind = "expiry"
		}
		res["next"] = map[string]any{"id": q.ID, "kind": kind, "text": jsText(q.Text), "help": jsText(q.Help), "answers": answers}
		return res
	}
	o := r.Outcome
	kind := map[decide.OutcomeKind]string{decide.Checklist: "checklist", decide.NotYet: "not_yet", decide.Contact: "contact"}[o.Kind]
	visits := make([]any, len(r.Visits))
	for i, v := range r.Visits {
		visits[i] = map[string]any{"title": jsText(v.Visit.Title), "note": jsText(v.Visit.Note),
			"same_day": sameDay(v.Visit.SameDay), "items": jsItems(v.Items)}
	}
	res["outcome"] = map[string]any{"id": o.ID, "kind": kind, "title": jsText(o.Title), "summary": jsText(o.Summary),
		"visits": visits, "warnings": jsItems(r.Warnings), "because": jsAsked(r.Because)}
	return res
}

func expiry(this js.Value, args []js.Value) any {
	if len(args) != 3 || args[0].Type() != js.TypeObject || args[1].Type() != js.TypeString || args[2].Type() != js.TypeNumber {
		return errObj("expiry(input, today, months): want an object, a YYYY-MM-DD string and a number")
	}
	var in decide.ExpiryInput
	for key, dst := range map[string]*decide.Date{"printed": &in.Printed, "issued": &in.Issued, "birthday": &in.Birthday, "stay_until": &in.StayUntil} {
		if s := str(args[0], key); s != "" {
			d, ok := decide.ParseDate(s)
			if !ok {
				return errObj("not a date: " + key)
			}
			*dst = d
		}
	}
	today, ok := decide.ParseDate(args[1].String())
	if !ok {
		return errObj("today is not a date")
	}
	exp, ok := in.Expiry()
	if !ok {
		return errObj("these dates give no expiry date")
	}
	months := args[2].Int()
	return map[string]any{"expiry": exp.String(), "opens": decide.RenewalOpens(exp, months).String(),
		"status":      decide.ExpiryStatus(exp, today, months),
		"expiry_text": jsText(decide.Text{Ja: exp.Ja(), En: exp.En()}),
		"opens_text":  jsText(decide.Text{Ja: decide.RenewalOpens(exp, months).Ja(), En: decide.RenewalOpens(exp, months).En()})}
}

func fragment(this js.Value, args []js.Value) any {
	if len(args) != 2 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeString {
		return errObj("fragment(handle, hash): want a handle from load and a string")
	}
	h := args[0].Int()
	if h < 0 || h >= len(procs) {
		return errObj("fragment: unknown handle")
	}
	f := procs[h].ParseFragment(args[1].String())
	answers := map[string]any{}
	for q, a := range f.Answers {
		answers[q] = a
	}
	return map[string]any{"present": f.Present, "dropped": f.Dropped, "answers": answers}
}
