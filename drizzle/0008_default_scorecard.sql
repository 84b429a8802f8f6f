-- Custom data migration (drizzle-kit generate --custom): a starting scorecard so QA can score on day one.
INSERT INTO "qa_scorecards" ("name", "description", "sections") VALUES
  ('Standard call', 'Opening, handling and closing of an inbound call.', '[
    {"title":"Opening","questions":[
      {"id":"greeting","text":"Greeted the caller with the standard greeting","weight":1,"type":"yes_no","allowNa":false,"critical":false},
      {"id":"identity","text":"Verified the caller''s identity before discussing the account","weight":2,"type":"yes_no","allowNa":true,"critical":true}
    ]},
    {"title":"Handling","questions":[
      {"id":"listening","text":"Listened and understood the request","weight":3,"type":"scale","allowNa":false,"critical":false},
      {"id":"resolution","text":"Resolved the request or set a clear next step","weight":3,"type":"scale","allowNa":false,"critical":false}
    ]},
    {"title":"Closing","questions":[
      {"id":"recap","text":"Summarised the outcome","weight":1,"type":"yes_no","allowNa":true,"critical":false}
    ]}
  ]'::jsonb)
ON CONFLICT ("name") DO NOTHING;
