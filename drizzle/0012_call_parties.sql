CREATE TABLE "call_parties" (
	"kind" varchar(8) NOT NULL,
	"party" varchar(120) NOT NULL,
	"call_start" timestamp with time zone NOT NULL,
	"head_id" bigint NOT NULL,
	CONSTRAINT "call_parties_pkey" PRIMARY KEY("kind","party","call_start","head_id")
);
