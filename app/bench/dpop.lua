-- wrk script of app/bench/load.sh: DPoP requests (RFC 9449), each with a proof of its own, used once.
-- The proofs file is shared out between wrk's threads (line n goes to thread n mod threads); a thread
-- stops when its proofs are used up, so that no proof is sent twice (a replay would be refused).
-- Usage: wrk -t<threads> ... -s app/bench/dpop.lua URL -- token.txt proofs.txt <threads>
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  token = io.open(args[1]):read("*l")
  local threads = tonumber(args[3])
  proofs = {}
  local n = 0
  for line in io.lines(args[2]) do
    if n % threads == id then proofs[#proofs + 1] = line end
    n = n + 1
  end
  i = 0
end

function request()
  i = i + 1
  if i > #proofs then
    wrk.thread:stop()
    i = #proofs -- the loop stops before this request is answered; its proof was used: a 401 at most
  end
  return wrk.format(nil, nil, { ["Authorization"] = "DPoP " .. token, ["DPoP"] = proofs[i] })
end
