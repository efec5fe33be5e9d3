"""NIK: software for the Dutch Netwerken Integrale Kindzorg."""
