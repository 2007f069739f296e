-- wrk script of app/bench/load.sh: each request carries the next token of a file, round-robin, so that
-- (with more tokens than the verified-token cache holds) every request brings a token to verify.
-- Usage: wrk ... -s app/bench/distinct.lua URL -- tokens.txt
local threads, counter = {}, 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do tokens[#tokens + 1] = "Bearer " .. line end
  -- threads start at distinct offsets so that two threads never send the same token back to back
  i = math.floor(id * #tokens / 8)
end

function request()
  i = i % #tokens + 1
  return wrk.format(nil, nil, { ["Authorization"] = tokens[i] })
end
