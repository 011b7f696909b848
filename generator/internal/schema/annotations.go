package schema

import (
	"reflect"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/wasm/decide"
)

// specials are the schemas of the types that decode themselves.
var specials = map[reflect.Type]func() *node{
	// Cond: question ID -> answer ID, or a list of answer IDs.
	reflect.TypeFor[rules.Cond](): func() *node {
		return &node{
			Type:          "object",
			PropertyNames: &node{Pattern: IDPattern},
			AdditionalProperties: &node{AnyOf: []*node{
				{Type: "string", Pattern: IDPattern},
				{Type: "array", Items: &node{Type: "string", Pattern: IDPattern}},
			}},
		}
	},
	// Ref: a plain ID naming something defined elsewhere.
	reflect.TypeFor[rules.Ref](): func() *node {
		return &node{Type: "string", Pattern: IDPattern}
	},
	// Answers: question ID -> one answer ID (a list is rejected).
	reflect.TypeFor[rules.Answers](): func() *node {
		return &node{
			Type:                 "object",
			PropertyNames:        &node{Pattern: IDPattern},
			AdditionalProperties: &node{Type: "string", Pattern: IDPattern},
		}
	},
}

// oneOrList accepts one value or a list of them.
func oneOrList(one *node) *node {
	item := *one
	item.Description = ""
	return &node{AnyOf: []*node{one, {Type: "array", Items: &item}}}
}

func intPtr(n int) *int { return &n }

// langSpecials are the schemas of the types with one entry per language of
// the site (tebiki.yaml): every language required, no other key.
var langSpecials = map[reflect.Type]func(langs []config.Language) *node{
	// Text: one text per language (a plain string is rejected).
	reflect.TypeFor[rules.Text](): func(langs []config.Language) *node {
		return perLanguage(langs, func(l config.Language) *node {
			return &node{Type: "string", MinLength: 1, Description: l.Name + " (" + l.Code + ")"}
		})
	},
	// Says: words the outcome must contain, a list per language.
	reflect.TypeFor[rules.Says](): func(langs []config.Language) *node {
		return perLanguage(langs, func(l config.Language) *node {
			return &node{Type: "array", Items: &node{Type: "string", MinLength: 1}, Description: l.Name + " (" + l.Code + ")"}
		})
	},
}

func perLanguage(langs []config.Language, value func(config.Language) *node) *node {
	n := &node{Type: "object", Properties: map[string]*node{}, AdditionalProperties: false}
	for _, l := range langs {
		n.Properties[l.Code] = value(l)
		n.Required = append(n.Required, l.Code)
	}
	return n
}

func init() {
	// Opening hours (rules/hours.go).
	specials[reflect.TypeFor[rules.Days]()] = func() *node {
		return oneOrList(&node{Type: "string", Enum: rules.DayWords()})
	}
	specials[reflect.TypeFor[rules.Weeks]()] = func() *node {
		return oneOrList(&node{Type: "integer", Minimum: intPtr(1), Maximum: intPtr(5)})
	}
	specials[reflect.TypeFor[rules.Clock]()] = func() *node {
		return &node{Type: "string", Pattern: TimePattern}
	}
	specials[reflect.TypeFor[rules.Spans]()] = func() *node {
		return oneOrList(&node{Type: "string", Pattern: SpanPattern})
	}
	specials[reflect.TypeFor[rules.HolidayRule]()] = func() *node {
		return &node{Type: "string", Enum: []string{"closed", "open"}}
	}
	// Closure: a date alone, or on, or from and until, with an optional name.
	specials[reflect.TypeFor[rules.Closure]()] = func() *node {
		// The dates are written inline: CalDay is reached only from here.
		day := func(d string) *node { return &node{Type: "string", Pattern: DayPattern, Description: d} }
		return &node{AnyOf: []*node{
			day("A closed day: \"YYYY-MM-DD\" once, or \"MM-DD\" every year (休みの日)."),
			{
				Type: "object",
				Properties: map[string]*node{
					"on":    day("The closed day (休みの日)."),
					"from":  day("The first closed day (休みの初日)."),
					"until": day("The last closed day; with MM-DD it may be in the next year, as 12-29 until 01-03 (休みの最終日)."),
					"name":  {Ref: "#/$defs/Text", Description: "A name for the days, such as 年末年始 / the year-end and New Year holidays (名前)."},
				},
				AdditionalProperties: false,
				OneOf:                []*node{{Required: []string{"on"}}, {Required: []string{"from", "until"}}},
			},
		}}
	}
}

// constraints add rules that span keys of one type.
var constraints = map[string]func(*node){
	// Hours are open and close (with an optional break), or times, not both.
	"Hours": func(s *node) {
		s.OneOf = append(s.OneOf, &node{Required: []string{"open", "close"}}, &node{Required: []string{"times"}})
	},
	// An item is exactly one of a document, a notice or a text of its own.
	"ItemDef": func(s *node) {
		for _, k := range []string{"doc", "notice", "text"} {
			s.OneOf = append(s.OneOf, &node{Required: []string{k}})
		}
	},
}

// typeInfo describes the types, by Go name.
var typeInfo = map[string]string{
	"Text":        "A text in Japanese and English: write both \"ja:\" and \"en:\" (日本語と英語の両方が必要).",
	"Cond":        "A condition: \"question_id: answer_id\" lines, or \"question_id: [answer_id, …]\" for any of several answers. Every line must hold (条件).",
	"Answers":     "The answers given: \"question_id: answer_id\" lines (回答).",
	"Ref":         "The ID of something defined elsewhere (参照するID).",
	"Fact":        "A block of text on guide pages: a title, paragraphs and a list (説明).",
	"PIN":         "One of the card's PINs (暗証番号).",
	"TextEntry":   "A named text that rule files refer to by ID: a document to bring or a notice (書類・注意事項).",
	"KindFile":    "A kind of procedure, the same in every city (手続きの種類).",
	"Office":      "A counter where the procedure is done (窓口).",
	"Hours":       "Opening hours on a set of days: open and close (with an optional break), or several ranges in times (受付時間).",
	"Days":        "Days of the week: weekdays (平日), weekends (土日), every day (毎日), a day (mon … sun, or 月 … 日), or a list such as [mon, thu] (曜日).",
	"Weeks":       "Which of the month's days these are: 2 or [2, 4] for the 2nd (and 4th) of the month; 5 only in months that have a 5th (第何週).",
	"Clock":       "A time, HH:MM in quotes, for example \"08:30\" (時刻).",
	"Spans":       "A range of time \"HH:MM-HH:MM\" in quotes, or a list of them (時間帯).",
	"HolidayRule": "National holidays: closed or open; leave out where the city does not say (祝日).",
	"Closure":     "Closing days: a date alone, {on: DATE}, or {from: DATE, until: DATE}; YYYY-MM-DD once, MM-DD every year (休みの日).",
	"Contact":     "Where residents can ask questions (問い合わせ先).",
	"Fee":         "The fee the city states for the procedure (手数料).",
	"QuestionDef": "A question of the checker (質問).",
	"AnswerDef":   "One answer of a question (選択肢).",
	"OutcomeDef":  "What the resident is told for a combination of answers (結果).",
	"VisitDef":    "One visit to the counter (来庁).",
	"ItemDef":     "A document to bring or a warning: exactly one of doc, notice or text (持ち物・注意事項).",
	"RuleTest":    "One rule test: answers (and dates) in, the expected outcome out (テスト).",
	"ExpiryDef":   "Dates that give the certificates' expiry, as YYYY-MM-DD: printed, stay_until, or issued with birthday.",
	"Expectation": "What the test expects (期待する結果).",
	"VisitExpect": "What one visit must hold.",
	"Says":        "Words the outcome page must contain, in each language.",
}

// fieldSpec is the description and constraints of one key.
type fieldSpec struct {
	Desc      string
	Enum      []string
	Pattern   string
	MinLength int
}

// keyInfo describes text keys by name, wherever they appear; an entry of
// fieldInfo for the key of a type takes precedence.
var keyInfo = map[string]fieldSpec{
	"id":              {Desc: "ID: lower-case letters, digits, - and _ (半角英小文字・数字・-・_).", Pattern: IDPattern},
	"effective_from":  {Desc: "In force from this day, YYYY-MM-DD; leave out if always in force (適用開始日).", Pattern: DatePattern},
	"effective_until": {Desc: "In force up to and including this day, YYYY-MM-DD (適用終了日).", Pattern: DatePattern},
}

// fieldInfo describes keys by "Type.key".
var fieldInfo = map[string]fieldSpec{
	"NationalFile.renewal_window_months": {Desc: "Renewal opens this many months before the expiry date (更新できる期間、月数)."},
	"NationalFile.facts":                 {Desc: "Blocks of text shown on guide pages (説明)."},
	"NationalFile.pins":                  {Desc: "The card's PINs, shown as a table (暗証番号)."},
	"NationalFile.documents":             {Desc: "Documents shared by every city; refer to one with \"doc: ID\" (書類)."},
	"NationalFile.notices":               {Desc: "Notices shared by every city; refer to one with \"notice: ID\" (注意事項)."},
	"NationalFile.procedures":            {Desc: "The kinds of procedure; a procedure file names one with \"kind:\" (手続きの種類)."},

	"Fact.id":    {Desc: "ID that procedure kinds list under \"facts\"."},
	"Fact.title": {Desc: "Heading (見出し)."},
	"Fact.body":  {Desc: "Paragraphs (段落)."},
	"Fact.list":  {Desc: "Bullet list after the paragraphs (箇条書き)."},
	"Fact.note":  {Desc: "Note after the list (注記)."},

	"PIN.id":          {Desc: "ID of the PIN."},
	"PIN.certificate": {Desc: "The certificate the PIN is for (電子証明書)."},
	"PIN.format":      {Desc: "What the PIN looks like (桁数など)."},
	"PIN.lockout":     {Desc: "Wrong tries in a row that lock it (ロックされる回数)."},

	"TextEntry.id":   {Desc: "ID to refer to it by, with \"doc:\" or \"notice:\"."},
	"TextEntry.name": {Desc: "The text shown (表示する文)."},
	"TextEntry.note": {Desc: "A note shown under it (注記)."},

	"KindFile.id":      {Desc: "ID of the kind; a procedure file says \"kind: ID\"."},
	"KindFile.title":   {Desc: "Title of the procedure (手続き名)."},
	"KindFile.summary": {Desc: "One-sentence summary (概要)."},
	"KindFile.facts":   {Desc: "IDs of the facts shown on its guide page, in order.", Pattern: IDPattern},
	"KindFile.pins":    {Desc: "Show the PIN table on its guide page."},

	"CityFile.name":       {Desc: "Name of the city (市区町村名)."},
	"CityFile.prefecture": {Desc: "Prefecture (都道府県)."},
	"CityFile.weight":     {Desc: "Order in lists of cities: lower comes first."},
	"CityFile.offices":    {Desc: "Counters where procedures are done (窓口)."},
	"CityFile.contact":    {Desc: "Where residents can ask questions (問い合わせ先)."},
	"CityFile.documents":  {Desc: "Documents of this city; refer to one with \"doc: ID\" (書類)."},
	"CityFile.notices":    {Desc: "Notices of this city; refer to one with \"notice: ID\" (注意事項)."},

	"Office.id":       {Desc: "ID that procedure files list under \"offices\"."},
	"Office.building": {Desc: "Building (庁舎)."},
	"Office.counter":  {Desc: "Counter or division (窓口・担当課)."},
	"Office.hours":    {Desc: "Opening hours (受付時間)."},
	"Office.holidays": {Desc: "closed or open on national holidays; leave out where the city does not say (祝日)."},
	"Office.closed":   {Desc: "Closing days besides national holidays, such as the year-end holidays (休みの日)."},
	"Office.note":     {Desc: "Note shown with the office (注記)."},

	"Hours.days":  {Desc: "Days open: weekdays (平日), every day, a day such as sat, or a list such as [mon, thu] (曜日)."},
	"Hours.weeks": {Desc: "Only these weeks of the month: [2, 4] for the 2nd and 4th Saturday; leave out for every week (第何週)."},
	"Hours.open":  {Desc: "Opening time, HH:MM in quotes, for example \"08:30\" (開始時刻)."},
	"Hours.close": {Desc: "Closing time, HH:MM in quotes, for example \"17:15\" (終了時刻)."},
	"Hours.break": {Desc: "Closed in between, such as a lunch break: \"12:00-13:00\", or a list (休憩)."},
	"Hours.times": {Desc: "Instead of open and close: several ranges, such as [\"09:00-12:00\", \"13:00-16:00\"] (時間帯)."},

	"Contact.name":    {Desc: "Division to contact (担当課)."},
	"Contact.address": {Desc: "Postal address (住所)."},
	"Contact.phone":   {Desc: "Phone number (電話番号)."},
	"Contact.fax":     {Desc: "Fax number (FAX番号)."},

	"ProcFile.kind":      {Desc: "Procedure kind from rules/national.yaml, for example issuance, renewal or pin_reset (手続きの種類).", Pattern: IDPattern},
	"ProcFile.offices":   {Desc: "IDs of the offices in city.yaml where it is done, in order (窓口)."},
	"ProcFile.fee":       {Desc: "The fee, where the city states one; leave out otherwise (手数料)."},
	"ProcFile.notes":     {Desc: "Notes shown with the offices (注記)."},
	"ProcFile.questions": {Desc: "Questions, asked in this order, each only when its ask_if holds (質問)."},
	"ProcFile.outcomes":  {Desc: "Outcomes; exactly one must match each combination of answers (結果)."},

	"Fee.yen":  {Desc: "Fee in yen; 0 means free (円)."},
	"Fee.note": {Desc: "Note on the fee (注記)."},

	"QuestionDef.id":      {Desc: "ID of the question, used in ask_if, when and tests."},
	"QuestionDef.kind":    {Desc: "choice (default): pick an answer; expiry: the answers are too_early, open and expired, and may be computed from dates (質問の種類).", Enum: decide.QuestionKindNames()},
	"QuestionDef.text":    {Desc: "The question (質問文)."},
	"QuestionDef.help":    {Desc: "Help shown under the question (補足)."},
	"QuestionDef.ask_if":  {Desc: "Ask only when these earlier answers were given (質問する条件)."},
	"QuestionDef.answers": {Desc: "The answers to choose from, in order (選択肢)."},

	"AnswerDef.id":    {Desc: "ID of the answer, used in ask_if, when and tests."},
	"AnswerDef.label": {Desc: "What the resident picks (選択肢の文)."},

	"OutcomeDef.id":       {Desc: "ID of the outcome, used in tests and \"use\"."},
	"OutcomeDef.kind":     {Desc: "checklist (default): visits and what to bring; not_yet: cannot be done yet; contact: ask the office (結果の種類).", Enum: decide.OutcomeKindNames()},
	"OutcomeDef.when":     {Desc: "The answers that lead here (この結果になる条件)."},
	"OutcomeDef.use":      {Desc: "PROCEDURE.OUTCOME of this city whose visits and warnings to take, for example renewal.self.", Pattern: UsePattern},
	"OutcomeDef.title":    {Desc: "Heading of the outcome (見出し)."},
	"OutcomeDef.summary":  {Desc: "Summary under the heading (概要)."},
	"OutcomeDef.visits":   {Desc: "Visits to the counter, in order, with what to bring (来庁と持ち物)."},
	"OutcomeDef.warnings": {Desc: "Notices shown with the outcome (注意事項)."},

	"VisitDef.title":    {Desc: "Heading of the visit, where there are several (見出し)."},
	"VisitDef.same_day": {Desc: "Whether the procedure is completed on this visit: \"yes\" or \"no\", in quotes; leave out where the city does not say (即日完了).", Enum: []string{"yes", "no"}},
	"VisitDef.note":     {Desc: "Note on the visit (注記)."},
	"VisitDef.bring":    {Desc: "What to bring (持ち物)."},

	"ItemDef.doc":    {Desc: "ID of a document in city.yaml or national.yaml (書類).", Pattern: IDPattern},
	"ItemDef.notice": {Desc: "ID of a notice in city.yaml or national.yaml (注意事項).", Pattern: IDPattern},
	"ItemDef.text":   {Desc: "A text of its own, instead of doc or notice (文)."},
	"ItemDef.notes":  {Desc: "Notes shown under the item (注記)."},
	"ItemDef.when":   {Desc: "Show the item only when these answers were given (表示する条件)."},
	"ItemDef.why":    {Desc: "Why it is needed (理由)."},

	"TestFile.tests": {Desc: "The rule tests (テスト)."},

	"RuleTest.name":    {Desc: "What the test is about, shown when it fails.", MinLength: 1},
	"RuleTest.answers": {Desc: "The answers given (回答)."},
	"RuleTest.today":   {Desc: "Today's date, YYYY-MM-DD, to answer the expiry question from dates.", Pattern: DatePattern},
	"RuleTest.expiry":  {Desc: "Dates that give the certificates' expiry."},
	"RuleTest.expect":  {Desc: "What the test expects (期待する結果)."},

	"ExpiryDef.printed":    {Desc: "Expiry date printed on the notice, YYYY-MM-DD.", Pattern: DatePattern},
	"ExpiryDef.issued":     {Desc: "Day the certificates were issued, YYYY-MM-DD.", Pattern: DatePattern},
	"ExpiryDef.birthday":   {Desc: "The holder's birthday, YYYY-MM-DD.", Pattern: DatePattern},
	"ExpiryDef.stay_until": {Desc: "Last day of a foreign resident's period of stay, YYYY-MM-DD (在留期間の満了日).", Pattern: DatePattern},

	"Expectation.outcome":  {Desc: "ID of the expected outcome.", Pattern: IDPattern},
	"Expectation.expiry":   {Desc: "The computed expiry date, YYYY-MM-DD.", Pattern: DatePattern},
	"Expectation.opens":    {Desc: "The day renewal opens, YYYY-MM-DD.", Pattern: DatePattern},
	"Expectation.visits":   {Desc: "The visits, in order."},
	"Expectation.warnings": {Desc: "The warnings, in order: notice IDs, or the English text of a warning of its own."},
	"Expectation.offices":  {Desc: "Office IDs, in order.", Pattern: IDPattern},
	"Expectation.fee":      {Desc: "The stated fee in yen; leave out where the city states no fee."},
	"Expectation.no_fee":   {Desc: "true: the city states no fee."},
	"Expectation.says":     {Desc: "Words the outcome must contain in each language."},

	"VisitExpect.same_day": {Desc: "\"yes\" or \"no\", in quotes; leave out where the city does not say.", Enum: []string{"yes", "no"}},
	"VisitExpect.bring":    {Desc: "What to bring, in order: document IDs, or the English text of an item of its own."},
}
