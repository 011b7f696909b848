package site

import (
	gotext "github.com/tebiki/tebiki/generator/internal/gotemplate/text"
)

// Layouts call the View's methods on every page, some dozens of times; the
// template package calls these directly rather than through reflection (see
// package gotemplate). A method missing here still works, only slower;
// TestViewMethodsCalledDirectly lists any.
func init() {
	gotext.RegisterMethods(
		gotext.M0E((*View).Cities),
		gotext.M1((*View).Rel),
		gotext.M1E((*View).Asset),
		gotext.M1((*View).AltHref),
		gotext.M1((*View).SwitchHref),
		gotext.M0((*View).OtherLangs),
		gotext.M0((*View).OtherLanguages),
		gotext.M0((*View).Alternates),
		gotext.M0((*View).Home),

		gotext.M1((*View).CityHref),
		gotext.M1((*View).GuideHref),
		gotext.M2((*View).LangHref),
		gotext.M1Addr((*View).Tx), // a text field is handed over as its address, not copied to the heap
		gotext.M1((*View).Mark),
		gotext.M1((*View).Hours),
		gotext.M1((*View).Closed),
		gotext.M1((*View).DateText),
		gotext.M2((*View).Cond),
		gotext.M0((*View).Guide),
		gotext.M1((*View).IsContact),
		gotext.M1((*View).SameDay),
		gotext.M1((*View).NotSameDay),
		gotext.M1((*View).Many),
		gotext.M0((*View).Front),
		gotext.M1((*View).FlowHref),
		gotext.M1((*View).AnswerHref),
		gotext.M1((*View).ChangeHref),
		gotext.M1((*View).Reasons),
		gotext.M1((*View).IsExpiry),
		gotext.M1((*View).IsNotYet),
		gotext.M1((*View).Fact),
		gotext.M2E((*View).WindowExample),
		gotext.M0((*View).HasChecker),
		gotext.M0((*View).UIStrings),
		gotext.M0((*View).Schedule),
		gotext.M0((*View).Updated),
		gotext.M0((*View).FlowSVG),
		gotext.M0((*View).DecisionTable),
		gotext.M0((*View).CheckerRules),
		gotext.M0((*View).CheckerOutcomes),
		gotext.M0((*View).CheckerTimeZone),
		gotext.M0E((*View).QR),
		gotext.M0((*FlowNode).Key),
	)
}
