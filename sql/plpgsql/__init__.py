"""PL/pgSQL: parser (:mod:`.parser`), interpreter (:mod:`.interp`), SQL inside it (:mod:`.sqlfrag`) and calls
(:mod:`.call`)."""
