import 'ws';
