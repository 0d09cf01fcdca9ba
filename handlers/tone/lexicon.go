package tone

import (
	"strings"
	"sync"
)

// wordSet builds a lookup set from a space-separated list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// acronyms are capitalised words that are names, not shouting.
var acronyms = sync.OnceValue(func() map[string]bool {
	return wordSet(`API APIS HTTP HTTPS JSON YAML TOML XML HTML CSS SQL URL URLS URI ID IDS UUID
		CI CD PR PRS LGTM TODO TODOS FIXME XXX NB FYI IMO IMHO AFAIK TBD WIP NIT OK CPU GPU RAM
		IO TLS SSL SSH DNS TCP UDP IP AWS GCP GCS OS CLI SDK UI UX DB GC JVM JS TS UTF BOM RFC
		ERROR WARN WARNING INFO DEBUG TRACE FATAL PANIC EOF OOM PID CSV PDF PNG SVG MB GB KB TB
		MIB GIB KIB NS MS QA SLA SLO SRE VM VMS K8S ACL ACK NACK JWT OIDC SAML CORS CSRF XSS REST
		RPC GRPC CRUD ORM MVP POC ETA EOD TL DR TLDR ASAP AKA EG IE GET POST PUT PATCH DELETE HEAD
		SELECT FROM WHERE JOIN LEFT RIGHT INNER OUTER INSERT UPDATE NULL AND OR ORDER BY GROUP
		MUST SHOULD SHALL MAY REQUIRED RECOMMENDED OPTIONAL PS README LICENSE CHANGELOG MIT GPL
		BSD NPM PIP GO RSS SMTP IMAP LDAP SAN CA CRL CVE GDPR PII ARM AMD USB LTS`)
})

// emphatic are capitalised words that read as raised voice even alone.
var emphatic = sync.OnceValue(func() map[string]bool {
	return wordSet(`WHY NEVER STOP DON'T TOLD SAID AGAIN EVER WRONG WHAT`)
})

// commonWords are everyday English words: written in capitals they are
// shouting, while capitals that are not words are names and acronyms.
var commonWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`a about after again all also always am an and any are as at be because been
		before being but by can can't could did didn't do does doesn't doing don't done down each
		even ever every for from get go going good got had has have he her here him his how i i'm
		if in into is isn't it it's its just know like look make me more most much must my need
		never no not now of off ok okay on once one only or other our out over please read really
		right said same say see she should so some still stop such than that the their them then
		there these they thing this those to told too try under until up us very was wasn't way we
		were what when where which while who why will with won't work would wrong yes yet you
		your fix fixed broken bad again seriously why stupid terrible awful horrible useless
		merge change code test tests review wait listen again enough already people nothing
		everything anything something nobody everyone anyone someone`)
})

// verdictWords make a dismissive one-word (or few-word) verdict when a
// sentence holds nothing else.
var verdictWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`no nope nah wrong bad ugh meh ew eww yuck gross nonsense unacceptable rejected
		terrible awful horrible useless pointless sloppy incompetent never seriously really sigh
		lol lmao rofl wtf just now absolutely not even close try again hell way again
		disappointing embarrassing ridiculous garbage trash wow`)
})

// verdictCore are the words of which a verdict must hold at least one, so
// "just now" or "not again" alone don't count but "No." does.
var verdictCore = sync.OnceValue(func() map[string]bool {
	return wordSet(`no nope nah wrong bad ugh meh ew eww yuck gross nonsense unacceptable rejected
		terrible awful horrible useless pointless sloppy incompetent never seriously sigh
		wtf close try disappointing embarrassing ridiculous garbage trash now wow`)
})

// labels are Conventional Comments labels; a labelled comment is framed,
// not an order.
var labels = sync.OnceValue(func() map[string]bool {
	return wordSet(`nit nitpick suggestion issue question praise thought chore note todo typo
		minor optional polish quibble`)
})
