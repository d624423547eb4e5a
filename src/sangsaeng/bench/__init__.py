"""Load benchmark: national-scale data (`seed`) and a production-like load run (`load`)."""
