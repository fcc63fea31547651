// Evaluates IAM requests with @cloud-copilot/iam-simulate, an IAM policy evaluator this project does not write.
// The functions.isolation tests pipe one JSON document in and read one JSON document out:
//
//   stdin:  {"principal": "arn:aws:sts::<account>:assumed-role/<role>/<session>", "accountId": "<account>",
//            "identityPolicies": [{"name": "...", "policy": {...}}], "sessionPolicy": {...} | null,
//            "requests": [{"action": "dynamodb:GetItem", "resource": "<arn>", "context": {"dynamodb:LeadingKeys": [...]},
//                          "resourcePolicy"?: {...}}]}    (a KMS key needs its key policy: KMS trusts IAM only through it)
//   stdout: [{"action", "resource", "decision": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Error",
//             "ignoredContextKeys": [...], "error"?: "..."}]   (one entry per request, in order)
//
// No SCPs or RCPs: the evaluator adds the default RCPFullAWSAccess itself. Strict mode, so a context key that is
// absent is absent (the evaluator does not guess values). A request the evaluator refuses to run (an invalid
// policy, action or ARN) is reported as "Error", never as a deny, so a broken input cannot pass as isolation.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const readStdin = async () => {
  const chunks = []
  for await (const chunk of process.stdin) {
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const evaluate = async (input, request) => {
  const simulation = {
    request: {
      principal: input.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: input.accountId },
      contextVariables: request.context ?? {}
    },
    identityPolicies: input.identityPolicies ?? [],
    serviceControlPolicies: [],
    resourceControlPolicies: []
  }
  if (input.sessionPolicy) {
    simulation.sessionPolicy = input.sessionPolicy
  }
  if (request.resourcePolicy) {
    simulation.resourcePolicy = request.resourcePolicy
  }
  const result = await runSimulation(simulation, { simulationMode: 'Strict' })
  const base = { action: request.action, resource: request.resource }
  if (result.resultType === 'error') {
    return { ...base, decision: 'Error', error: JSON.stringify(result.errors) }
  }
  const ignored = result.resultType === 'single' ? result.result.ignoredContextKeys ?? [] : []
  return { ...base, decision: result.overallResult, ignoredContextKeys: ignored }
}

let input
try {
  input = JSON.parse(await readStdin())
} catch (e) {
  process.stderr.write(`simulate.mjs: stdin is not JSON: ${e.message}\n`)
  process.exit(2)
}
const decisions = []
for (const request of input.requests ?? []) {
  decisions.push(await evaluate(input, request))
}
process.stdout.write(JSON.stringify(decisions) + '\n')
